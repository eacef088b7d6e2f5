/**
 * The one event model of peerstack, modelled on the DOM's {@code EventTarget}
 * (<a href="https://dom.spec.whatwg.org/#interface-eventtarget">DOM Standard, EventTarget</a>) with
 * Java types instead of strings.
 *
 * <p>Every object that fires events ({@code MediaStreamTrack}, {@code MediaStream}, {@code MediaDevices},
 * {@code RTCPeerConnection}, {@code RTCDataChannel}, {@code MediaRecorder}, {@code SignalingClient})
 * implements {@link org.peerstack.event.EventTarget} and declares its events as typed constants, e.g.
 * {@code MediaStreamTrack.ENDED}:
 * <pre>{@code
 * track.addEventListener(MediaStreamTrack.ENDED, event -> System.out.println("source ended"));
 * }</pre>
 *
 * <h2>Threads and ordering (the contract)</h2>
 * <ul>
 *   <li>Listeners run on a peerstack-owned daemon thread (named {@code peerstack-event-N}), never on a
 *       native (libwebrtc) thread, a media source thread or the caller's thread. Firing never blocks the
 *       code that fires.</li>
 *   <li>Events of one target are delivered one at a time, in the order they were fired. Events of
 *       different targets may be delivered concurrently and in any relative order.</li>
 *   <li>Listeners of one event run in registration order; the set of listeners is taken when the
 *       event is delivered. Adding the same listener twice for one type has no effect.</li>
 *   <li>A listener that throws is logged (SLF4J, logger {@code org.peerstack.event}) and the remaining
 *       listeners still run.</li>
 *   <li>A slow listener delays later events of its own target only; keep listeners short and hand
 *       heavy work to your own executor.</li>
 * </ul>
 * Event objects are immutable and may be kept. {@link org.peerstack.event.EventLoop#create} runs the
 * listeners on an application's executor instead; the ordering rules stay the same.
 */
package org.peerstack.event;
