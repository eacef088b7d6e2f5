/** Example bots shown in {@code docs/bots.md}; compiled with the build so the documentation cannot rot. */
package org.peerstack.demo.examples;
