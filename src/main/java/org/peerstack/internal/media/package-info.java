/**
 * Implementation of {@code org.peerstack.media}, not public API: devices (fake, file, native camera and
 * microphone, screen), their guards against native hangs and crashes ({@link
 * org.peerstack.internal.media.NativeProbe}), and {@link org.peerstack.internal.media.MediaStreamAccess},
 * the peer-connection layer's door to remote streams.
 */
package org.peerstack.internal.media;
