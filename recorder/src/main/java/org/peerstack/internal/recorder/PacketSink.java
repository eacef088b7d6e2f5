package org.peerstack.internal.recorder;

import org.bytedeco.ffmpeg.avcodec.AVPacket;

/** Where an encoder hands its packets (the muxer); called on the worker thread. */
interface PacketSink {

    /** Takes the packet's data (it is unreferenced afterwards); timestamps in the encoder's time base. */
    void write(AVPacket packet, boolean video);
}
