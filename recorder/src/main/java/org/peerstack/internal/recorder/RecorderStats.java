package org.peerstack.internal.recorder;

/**
 * What a recorder did, for diagnostics and tests (counts since start).
 *
 * @param videoFramesEncoded   frames handed to the video encoder
 * @param videoFramesInvalid   frames refused at the door: bad size, stride or plane length
 * @param videoFramesMisTimed  frames dropped for a timestamp not after the previous frame's
 * @param videoJumpsClosed     forward clock jumps closed up to one frame interval
 * @param videoFramesRescaled  frames whose size differed from the first and were rescaled
 * @param audioBuffersEncoded  PCM buffers handed to the audio encoder
 * @param audioBuffersInvalid  buffers refused at the door: bad rate, channel count or length
 * @param audioBuffersMisTimed buffers dropped for a timestamp before the recording's origin
 * @param audioSilenceMs       silence inserted for gaps in the audio input (milliseconds)
 * @param droppedWhilePaused   frames and buffers dropped because the recorder was paused
 * @param chunks               chunks delivered
 * @param bytes                bytes delivered
 * @param workerIdleMs         time the worker waited for input (milliseconds); near the recording's
 *                             length for a live source, near 0 when fed faster than it encodes
 */
public record RecorderStats(long videoFramesEncoded, long videoFramesInvalid, long videoFramesMisTimed,
                            long videoJumpsClosed, long videoFramesRescaled, long audioBuffersEncoded,
                            long audioBuffersInvalid, long audioBuffersMisTimed, long audioSilenceMs, long droppedWhilePaused, long chunks,
                            long bytes, long workerIdleMs) {
}
