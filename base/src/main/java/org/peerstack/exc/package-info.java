/**
 * Typed exceptions under one root, {@link org.peerstack.exc.PeerstackException}. Each W3C
 * {@code DOMException} name used by the specs peerstack implements has its own subclass.
 */
package org.peerstack.exc;
