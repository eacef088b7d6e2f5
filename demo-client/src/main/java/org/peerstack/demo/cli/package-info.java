/** The {@code peerstack-demo} command line (picocli): {@code call}, {@code serve}, {@code echo}, {@code record}, {@code play}, {@code chat}, {@code smoke}. */
package org.peerstack.demo.cli;
