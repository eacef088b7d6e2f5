/**
 * peerstack's demo: headless WebRTC bots that meet browsers and each other in rooms of the peerstack
 * signaling server, and the one-command call of the README.
 *
 * <ul>
 *   <li>{@link org.peerstack.demo.Room}: a bot's presence in a room: one {@code RTCPeerConnection} per other
 *       member (mesh), perfect negotiation (<a href="https://w3c.github.io/webrtc-pc/#perfect-negotiation-example">W3C
 *       WebRTC, perfect negotiation example</a>), protocol in {@code docs/signaling-protocol.md};</li>
 *   <li>bots as {@link org.peerstack.demo.Room.Handler}s: {@link org.peerstack.demo.EchoBot},
 *       {@link org.peerstack.demo.RecordBot} (<a href="https://w3c.github.io/mediacapture-record/">MediaStream
 *       Recording</a>), {@link org.peerstack.demo.PlayBot}, {@link org.peerstack.demo.ChatBot};</li>
 *   <li>{@link org.peerstack.demo.OneCommandCall}: server + play bot + record bot, {@code ./run-demo};</li>
 *   <li>{@link org.peerstack.demo.LiveStatus}: the compact status line every bot prints.</li>
 * </ul>
 * Writing your own bot: {@code docs/bots.md}; a bot on the public API alone: {@code examples/} (HelloBot).
 */
package org.peerstack.demo;
