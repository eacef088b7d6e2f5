package org.peerstack.internal.filesource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avcodec;
import org.peerstack.media.AudioData;
import org.peerstack.media.VideoFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plays one file for the sources attached to it: a worker thread ({@code peerstack-file-NAME}) demuxes,
 * decodes the streams that have a source, and delivers each frame and 10 ms audio chunk when the media
 * clock reaches its time (for the first {@link #START_GRACE_US} every stream is decoded, later only
 * those with a source). Video and audio share that clock, so they stay in sync however long the file
 * plays; a loop restarts both streams at the same media time (the end of the longer one).
 *
 * <p>The player decodes at most {@link #LEAD_US} ahead of the clock and holds at most
 * {@link #MAX_QUEUED_FRAMES} frames and {@link #MAX_QUEUED_ITEMS} items. A source that attaches while the
 * file plays joins at the current position (video from the next keyframe). When the last source
 * detaches the thread stops and frees the FFmpeg contexts. A read or decode error ends the sources.
 */
final class FilePlayer implements Timeline, Runnable {

    /** How far ahead of the media clock the player decodes (microseconds). */
    static final long LEAD_US = 100_000;
    /** Most decoded video frames held at once. */
    static final int MAX_QUEUED_FRAMES = 8;
    /** Most decoded items (frames and audio chunks) held at once. */
    static final int MAX_QUEUED_ITEMS = 200;
    /**
     * For this long after playback starts (media time, microseconds) every stream is decoded even
     * without a source, so a source attached just after the first one (getUserMedia opens the
     * microphone, then the camera) misses nothing; later a stream is decoded only while it has a source.
     */
    static final long START_GRACE_US = 1_000_000;
    /** Longest single wait of the player thread (nanoseconds), so a stop is seen promptly. */
    static final long MAX_PARK_NS = 20_000_000;

    private static final Logger LOG = LoggerFactory.getLogger(FilePlayer.class);

    private final Path path;
    private final boolean loop;
    private final double speed;
    private final FfmpegFileSourceProvider owner;
    private final List<FileVideoSource> video = new CopyOnWriteArrayList<>();
    private final List<FileAudioSource> audio = new CopyOnWriteArrayList<>();
    private final PriorityQueue<Item> queue = new PriorityQueue<>();
    private final Object lock = new Object();
    private Thread thread;
    private volatile boolean stopping;

    // Player thread only:
    private MediaClock clock;
    /** Media time at which the current loop started. */
    private long loopBaseUs;
    /** Media time minus file time in the current loop. */
    private long offsetUs;
    private long sequence;
    private int queuedFrames;
    private long lastVideoDueUs;
    private long lastAudioDueUs;
    private long videoEndFileUs;
    private long audioEndFileUs;
    private long periodUs;

    FilePlayer(Path path, boolean loop, double speed, FfmpegFileSourceProvider owner) {
        this.path = path;
        this.loop = loop;
        this.speed = speed;
        this.owner = owner;
    }

    /** Adds a source; false if the player is stopping (then make a new player). */
    boolean attach(FileMediaSource source) {
        synchronized (lock) {
            if (stopping) {
                return false;
            }
            if (source instanceof FileVideoSource v) {
                video.add(v);
            } else {
                audio.add((FileAudioSource) source);
            }
            if (thread == null) {
                thread = new Thread(this, "peerstack-file-" + path.getFileName());
                thread.setDaemon(true);
                thread.start();
            }
            return true;
        }
    }

    /** Removes a source; the last one stops the player. */
    void detach(FileMediaSource source) {
        synchronized (lock) {
            video.remove(source);
            audio.remove(source);
            if (video.isEmpty() && audio.isEmpty()) {
                stopping = true;
                if (thread != null) {
                    LockSupport.unpark(thread);
                }
            }
        }
        if (stopping) {
            owner.stopped(path, this);
        }
    }

    /** Ends every attached source (their tracks fire {@code ended}). */
    void endSources() {
        video.forEach(FileMediaSource::finish);
        audio.forEach(FileMediaSource::finish);
    }

    @Override
    public void run() {
        Demuxer demuxer = null;
        VideoDecoder videoDecoder = null;
        AudioDecoder audioDecoder = null;
        try {
            demuxer = Demuxer.open(path);
            FileStreams streams = demuxer.streams;
            if (streams.hasVideo()) {
                // Load the frame natives now, not on the first frame, which would then be late.
                VideoFrame.allocate(2, 2, 0).release();
                videoDecoder = new VideoDecoder(demuxer.stream(streams.videoIndex()), streams.frameRate(), this);
                periodUs = videoDecoder.periodUs();
            }
            if (streams.hasAudio()) {
                audioDecoder = new AudioDecoder(demuxer.stream(streams.audioIndex()), streams.sampleRate(),
                        streams.channels(), this);
            }
            offsetUs = -demuxer.startUs();
            play(demuxer, videoDecoder, audioDecoder);
        } catch (IOException | RuntimeException e) {
            if (!stopping) {
                LOG.warn("playing {} failed; ending its tracks: {}", path, e.getMessage());
                endSources();
            }
        } finally {
            Item item;
            while ((item = queue.poll()) != null) {
                item.release();
            }
            if (videoDecoder != null) {
                videoDecoder.close();
            }
            if (audioDecoder != null) {
                audioDecoder.close();
            }
            if (demuxer != null) {
                demuxer.close();
            }
        }
    }

    private void play(Demuxer demuxer, VideoDecoder videoDecoder, AudioDecoder audioDecoder) throws IOException {
        FileStreams streams = demuxer.streams;
        boolean eof = false;
        boolean videoWasActive = true;
        boolean audioWasActive = true;
        resetLoopMarks();
        while (!stopping) {
            long now = clock == null ? 0 : clock.nowUs();
            boolean grace = now < START_GRACE_US;
            boolean videoActive = videoDecoder != null && (grace || !video.isEmpty());
            boolean audioActive = audioDecoder != null && (grace || !audio.isEmpty());
            if (videoActive && !videoWasActive) {
                videoDecoder.waitForKeyframe();
            }
            if (audioActive && !audioWasActive) {
                audioDecoder.reset();
            }
            videoWasActive = videoActive;
            audioWasActive = audioActive;
            while (!eof && !stopping && needsMore(now, videoActive, audioActive)) {
                if (!demuxer.read()) {
                    eof = true;
                    if (videoActive) {
                        videoDecoder.decode(null);
                    }
                    if (audioActive) {
                        audioDecoder.decode(null);
                        audioDecoder.finish();
                    }
                    break;
                }
                AVPacket packet = demuxer.packet();
                if (packet.stream_index() == streams.videoIndex()) {
                    if (videoActive && !videoDecoder.skip((packet.flags() & avcodec.AV_PKT_FLAG_KEY) != 0)) {
                        videoDecoder.decode(packet);
                    }
                } else if (audioActive) {
                    audioDecoder.decode(packet);
                }
            }
            Item head = queue.peek();
            if (head == null && eof) {
                if (!loop || !restart(demuxer, videoDecoder, audioDecoder)) {
                    endSources();
                    return;
                }
                eof = false;
                continue;
            }
            if (head != null && head.dueUs <= now) {
                queue.poll();
                deliver(head);
                continue;
            }
            long waitNs = head == null ? MAX_PARK_NS : clock.wallNs(head.dueUs) - System.nanoTime();
            LockSupport.parkNanos(Math.min(MAX_PARK_NS, Math.max(0, waitNs)));
        }
    }

    private boolean needsMore(long now, boolean videoActive, boolean audioActive) {
        if (queuedFrames >= MAX_QUEUED_FRAMES || queue.size() >= MAX_QUEUED_ITEMS) {
            return false;
        }
        return (videoActive && lastVideoDueUs < now + LEAD_US) || (audioActive && lastAudioDueUs < now + LEAD_US);
    }

    /** Starts the next loop where the longer stream ended; false if nothing played or the file cannot seek. */
    private boolean restart(Demuxer demuxer, VideoDecoder videoDecoder, AudioDecoder audioDecoder) {
        long endFileUs = Math.max(videoEndFileUs, audioEndFileUs);
        if (endFileUs == Long.MIN_VALUE) {
            LOG.warn("{} played nothing; ending its tracks", path);
            return false;
        }
        if (!demuxer.rewind()) {
            LOG.warn("{} cannot seek back to its start; ending its tracks", path);
            return false;
        }
        if (videoDecoder != null) {
            videoDecoder.reset();
        }
        if (audioDecoder != null) {
            audioDecoder.reset();
        }
        loopBaseUs += endFileUs - demuxer.startUs();
        offsetUs = loopBaseUs - demuxer.startUs();
        resetLoopMarks();
        return true;
    }

    private void resetLoopMarks() {
        lastVideoDueUs = Long.MIN_VALUE;
        lastAudioDueUs = Long.MIN_VALUE;
        videoEndFileUs = Long.MIN_VALUE;
        audioEndFileUs = Long.MIN_VALUE;
    }

    private void deliver(Item item) {
        if (item.frame != null) {
            queuedFrames--;
            try {
                for (FileVideoSource s : video) {
                    s.push(item.frame);
                }
            } finally {
                item.frame.release();
            }
        } else {
            for (FileAudioSource s : audio) {
                s.push(item.chunk);
            }
        }
    }

    @Override
    public long mediaUs(long fileUs) {
        return fileUs + offsetUs;
    }

    @Override
    public long wallNs(long fileUs) {
        return clock(mediaUs(fileUs)).wallNs(mediaUs(fileUs));
    }

    /**
     * The media clock; it starts when the first frame or chunk is decoded (at that item's media time),
     * so opening the file and loading the decoders do not make the first items late.
     */
    private MediaClock clock(long firstMediaUs) {
        if (clock == null) {
            clock = new MediaClock(speed, firstMediaUs);
        }
        return clock;
    }

    @Override
    public void video(long fileUs, VideoFrame frame) {
        long due = mediaUs(fileUs);
        clock(due);
        queue.add(new Item(due, sequence++, frame, null));
        queuedFrames++;
        lastVideoDueUs = Math.max(lastVideoDueUs, due);
        videoEndFileUs = Math.max(videoEndFileUs, fileUs + periodUs);
    }

    @Override
    public void audio(long fileUs, AudioData chunk) {
        long due = mediaUs(fileUs);
        clock(due);
        queue.add(new Item(due, sequence++, null, chunk));
        lastAudioDueUs = Math.max(lastAudioDueUs, due);
        audioEndFileUs = Math.max(audioEndFileUs, fileUs + (long) chunk.frameCount() * 1_000_000L / chunk.sampleRate());
    }

    /** A frame or chunk and when it is due (media time), in due order, then decode order. */
    private record Item(long dueUs, long seq, VideoFrame frame, AudioData chunk) implements Comparable<Item> {
        @Override
        public int compareTo(Item o) {
            int c = Long.compare(dueUs, o.dueUs);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }

        void release() {
            if (frame != null) {
                frame.release();
            }
        }
    }
}
