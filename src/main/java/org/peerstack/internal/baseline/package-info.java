/**
 * The raw webrtc-java baseline: two peer connections in one process driven directly through
 * webrtc-java, without peerstack's W3C layer. The README's smoke call, the foundation connection test
 * and the benchmarks' baseline all run it, so that peerstack's own layers can be compared with what
 * the binding gives on its own in the same process.
 */
package org.peerstack.internal.baseline;
