/**
 * Typed exceptions under one root, {@link org.peerstack.exc.PeerstackException}. Each W3C
 * {@code DOMException} name used by the specs peerstack implements has its own subclass
 * (<a href="https://webidl.spec.whatwg.org/#idl-DOMException-error-names">Web IDL, DOMException
 * error names</a>: {@code InvalidStateError} is {@link org.peerstack.exc.InvalidStateException},
 * {@code OverconstrainedError} is {@link org.peerstack.exc.OverconstrainedException}, and so on).
 * {@link org.peerstack.exc.ErrorCode} lists the signaling protocol's error codes (documented with the
 * protocol in {@code docs/signaling-protocol.md}).
 */
package org.peerstack.exc;
