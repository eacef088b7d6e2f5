/**
 * The native side of {@code org.peerstack.rtc}: {@link org.peerstack.internal.rtc.NativePeer} owns
 * one libwebrtc peer connection (its lock, serial executor and observer) and hands out narrow handles
 * on its senders, receivers, transceivers and data channels; {@link org.peerstack.internal.rtc.Conversions}
 * maps values between the W3C types and webrtc-java's. Not public API: may change in any release.
 */
package org.peerstack.internal.rtc;
