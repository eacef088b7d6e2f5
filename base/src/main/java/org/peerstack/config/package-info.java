/**
 * Typed, immutable configuration. The commented defaults live in {@code config/*.yaml} at the top of
 * the checkout and are shipped in the jars; {@link org.peerstack.config.ConfigLoader} layers a file
 * and single-key overrides over them and binds the result to validated records.
 */
package org.peerstack.config;
