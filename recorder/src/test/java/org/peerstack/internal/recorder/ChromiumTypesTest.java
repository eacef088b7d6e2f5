package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * {@code isTypeSupported} against the answers of a real Chromium 156 (recorded in
 * {@code chromium-156-isTypeSupported.tsv}, with the command that produced them). Every type must get
 * Chromium's answer except the deliberate differences listed here, each with its reason; a new
 * difference, or a listed one that went away, fails the test.
 */
class ChromiumTypesTest {

    private static final String TABLE = "chromium-156-isTypeSupported.tsv";

    private static final String AAC = "Chromium's build has no AAC encoder; peerstack keeps FFmpeg's native aac (MP4's default audio codec)";
    private static final String OGG = "Ogg Opus is peerstack's extra; Chromium's MediaRecorder has no Ogg muxer";
    private static final String WEBM_MUXER = "FFmpeg's WebM muxer accepts only the WebM codecs (VP8/VP9/AV1, Opus/Vorbis); use video/x-matroska for H.264 or PCM";
    private static final String VP9_STRING = "peerstack accepts the full VP9 codec string (vp09.PP.LL.DD); Chromium 156's recorder knows only vp9";
    private static final String PLAIN_NAMES = "peerstack accepts the plain codec names (h264, av1) in every container; Chromium's MP4 recorder only the RFC 6381 ones (avc1, av01.*)";

    /** Type → why peerstack answers differently from Chromium 156. */
    static final Map<String, String> DIFFERENCES = Map.ofEntries(
            Map.entry("audio/mp4;codecs=aac", AAC),
            Map.entry("audio/mp4;codecs=mp4a.40.2", AAC),
            Map.entry("video/mp4;codecs=aac", AAC),
            Map.entry("video/mp4;codecs=mp4a.40.2", AAC),
            Map.entry("video/mp4;codecs=avc1,mp4a.40.2", AAC),
            Map.entry("video/mp4;codecs=avc1.42E01E,mp4a.40.2", AAC),
            Map.entry("video/mp4;codecs=vp9,mp4a.40.2", AAC),
            Map.entry("audio/ogg", OGG),
            Map.entry("audio/ogg;codecs=opus", OGG),
            Map.entry("audio/webm;codecs=pcm", WEBM_MUXER),
            Map.entry("video/webm;codecs=pcm", WEBM_MUXER),
            Map.entry("video/webm;codecs=vp8,pcm", WEBM_MUXER),
            Map.entry("video/webm;codecs=avc1", WEBM_MUXER),
            Map.entry("video/webm;codecs=avc1.42E01E", WEBM_MUXER),
            Map.entry("video/webm;codecs=h264", WEBM_MUXER),
            Map.entry("video/webm;codecs=h264,opus", WEBM_MUXER),
            Map.entry("video/webm;codecs=vp09.00.10.08", VP9_STRING),
            Map.entry("video/mp4;codecs=vp09.00.10.08", VP9_STRING),
            Map.entry("video/mp4;codecs=vp09.00.10.08,opus", VP9_STRING),
            Map.entry("video/mp4;codecs=h264", PLAIN_NAMES),
            Map.entry("video/mp4;codecs=av1", PLAIN_NAMES));

    static Map<String, Boolean> chromiumAnswers() throws IOException {
        Map<String, Boolean> answers = new LinkedHashMap<>();
        try (InputStream in = Objects.requireNonNull(ChromiumTypesTest.class.getResourceAsStream(TABLE), TABLE);
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cols = line.split("\t");
                assertThat(cols).as(line).hasSize(2);
                assertThat(cols[1]).as(line).isIn("true", "false");
                answers.put(cols[0], Boolean.parseBoolean(cols[1]));
            }
        }
        return answers;
    }

    @Test
    void answersLikeChromiumExceptForTheListedDifferences() throws IOException {
        Map<String, Boolean> chromium = chromiumAnswers();
        assertThat(chromium).hasSizeGreaterThanOrEqualTo(80);
        RecordingTypes types = RecordingTypes.ofNativeEncoders();
        Map<String, String> differences = new TreeMap<>();
        chromium.forEach((type, answer) -> {
            boolean ours = types.isTypeSupported(type);
            if (ours != answer) {
                differences.put(type, "peerstack " + ours + ", Chromium " + answer);
            }
        });
        assertThat(differences.keySet()).as("differences from Chromium 156: %s", differences)
                .containsExactlyInAnyOrderElementsOf(DIFFERENCES.keySet());
    }

    @Test
    void everyTypeChromiumSupportsAndWeDoNotIsAListedDifference() throws IOException {
        RecordingTypes types = RecordingTypes.ofNativeEncoders();
        chromiumAnswers().forEach((type, answer) -> {
            if (answer && !types.isTypeSupported(type)) {
                assertThat(DIFFERENCES).as("reason for not supporting " + type).containsKey(type);
            }
        });
    }
}
