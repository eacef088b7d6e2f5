/**
 * The signaling benchmark ({@code bench/run SignalingRelay}): the peerstack server against a minimal
 * Netty + Jackson relay and a bare Netty WebSocket echo, each in its own JVM, driven by a one-thread
 * Netty load client. Results and the command are in BENCHMARKS.md, section "Signaling".
 */
package org.peerstack.bench.signaling;
