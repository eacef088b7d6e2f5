/**
 * The lowest layer over webrtc-java: loading its native library once
 * ({@link org.peerstack.internal.natives.WebRtcNatives}), the factory with its audio device module
 * ({@link org.peerstack.internal.natives.NativeFactory}), native frames behind the public
 * {@code VideoFrame} ({@link org.peerstack.internal.natives.NativeVideoFrame}) and the release of
 * native references webrtc-java keeps. Not public API.
 */
package org.peerstack.internal.natives;
