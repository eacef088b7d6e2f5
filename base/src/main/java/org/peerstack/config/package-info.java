/**
 * Typed, immutable configuration. The commented defaults live in {@code config/*.yaml} at the top of
 * the checkout and are shipped in the jars; {@link org.peerstack.config.ConfigLoader} layers a file
 * and single-key overrides over them and binds the result to validated records.
 *
 * <p>The files are <a href="https://yaml.org/spec/1.2.2/">YAML 1.2</a>; keys are kebab-case. No W3C
 * specification covers library configuration: the values here are what a browser would decide itself
 * (ICE port range, audio device, recorder limits).
 */
package org.peerstack.config;
