package org.peerstack.internal.recorder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.peerstack.exc.UnsupportedRecordingTypeException;

class RecordingTypesTest {

    private final RecordingTypes types = RecordingTypes.ofNativeEncoders();

    @Test
    void theEmptyTypeIsSupported() {
        assertThat(types.isTypeSupported("")).isTrue();
        assertThat(types.isTypeSupported(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"video/webm", "video/webm;codecs=vp8,opus", "video/webm;codecs=vp8", "video/webm;codecs=vp9",
        "video/webm;codecs=\"vp9, opus\"", "VIDEO/WEBM;CODECS=VP8,OPUS", "video/webm; codecs=Vp9.0", "video/webm;codecs=opus",
        "video/webm;codecs=vp09.00.10.08", "audio/webm", "audio/webm;codecs=opus", "video/mp4", "audio/mp4",
        "video/mp4;codecs=avc1,mp4a.40.2", "video/mp4;codecs=\"avc1.42E01E,mp4a.40.2\"", "video/mp4;codecs=h264",
        "audio/mp4;codecs=mp4a.40.2", "audio/ogg", "audio/ogg;codecs=opus", "video/webm;codecs=vp8;foo=bar",
        "video/webm;codecs=av1", "video/webm;codecs=av01.0.04M.08,opus", "video/x-matroska;codecs=av1,pcm"})
    void typesTheBuildCanRecordAreSupported(String type) {
        assertThat(types.isTypeSupported(type)).as(type).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"video/webm;codecs=vp8,vp9", "audio/webm;codecs=opus,opus", "video/webm;codecs=vp8,opus,opus",
        "audio/webm;codecs=vp8", "video/webm;codecs=h264", "audio/webm;codecs=av1", "video/mp4;codecs=av01.0.04x.08", "video/webm;codecs=mp4a.40.2",
        "video/mp4;codecs=vp8", "video/ogg", "audio/ogg;codecs=vorbis", "audio/wav",
        "text/plain", "video", "video/", "/webm", "video/webm;codecs=", "video/webm;codecs=\"vp8",
        "video/webm;codecs=vp8,", "video/x-matroska;codecs=hevc", "video/webm;codecs=vp8.1", "video/mp4;codecs=avc1.zz",
        "video/webm;codecs=vp8;codecs=opus", "vid eo/webm"})
    void typesItCannotRecordAreNot(String type) {
        assertThat(types.isTypeSupported(type)).as(type).isFalse();
    }

    @Test
    void aCodecWithoutANativeEncoderIsNotSupported() {
        RecordingTypes withoutVp9 = new RecordingTypes(c -> c != RecorderCodec.VP9);
        assertThat(withoutVp9.isTypeSupported("video/webm;codecs=vp9")).isFalse();
        assertThat(withoutVp9.isTypeSupported("video/webm;codecs=vp8")).isTrue();
        RecordingTypes withoutAac = new RecordingTypes(c -> c != RecorderCodec.AAC);
        assertThat(withoutAac.isTypeSupported("audio/mp4")).isFalse();
    }

    @Test
    void theNativeBuildProvidesEveryTableCodec() {
        for (RecorderCodec c : RecorderCodec.values()) {
            assertThat(NativeCodecs.encoderAvailable(c)).as(c.encoderName()).isTrue();
        }
    }

    @Test
    void theDefaultTypeIsWebmVp8OpusLikeChrome() {
        assertThat(types.select("", true, true).mimeType()).isEqualTo("video/webm;codecs=vp8,opus");
        assertThat(types.select("", true, false).mimeType()).isEqualTo("video/webm;codecs=vp8");
        assertThat(types.select("", false, true).mimeType()).isEqualTo("audio/webm;codecs=opus");
    }

    @Test
    void missingCodecsGetTheContainersDefaultsForTheTracksPresent() {
        assertThat(types.select("video/mp4", true, true).mimeType()).isEqualTo("video/mp4;codecs=avc1,mp4a.40.2");
        assertThat(types.select("video/webm;codecs=vp9", true, true).mimeType()).isEqualTo("video/webm;codecs=vp9,opus");
        assertThat(types.select("video/webm;codecs=VP9", true, false).mimeType()).isEqualTo("video/webm;codecs=vp9");
        assertThat(types.select("audio/ogg", false, true).mimeType()).isEqualTo("audio/ogg;codecs=opus");
        assertThat(types.select("audio/mp4", false, true).mimeType()).isEqualTo("audio/mp4;codecs=mp4a.40.2");
    }

    @Test
    void anAudioTypeRecordsOnlyTheAudio() {
        RecordingType t = types.select("audio/webm", true, true);
        assertThat(t.hasVideo()).isFalse();
        assertThat(t.mimeType()).isEqualTo("audio/webm;codecs=opus");
    }

    @Test
    void aVideoTypeWithOnlyAudioTracksReportsTheAudioCodec() {
        assertThat(types.select("video/webm", false, true).mimeType()).isEqualTo("video/webm;codecs=opus");
    }

    @Test
    void anUnsupportedTypeOrOneThatFitsNoTrackIsNotSupportedError() {
        assertThatThrownBy(() -> types.select("video/webm;codecs=h264", true, true))
                .isInstanceOf(UnsupportedRecordingTypeException.class)
                .satisfies(e -> assertThat(((UnsupportedRecordingTypeException) e).errorName())
                        .isEqualTo("NotSupportedError"));
        assertThatThrownBy(() -> types.select("audio/ogg", true, false))
                .isInstanceOf(UnsupportedRecordingTypeException.class);
        assertThatThrownBy(() -> types.select("", false, false))
                .isInstanceOf(UnsupportedRecordingTypeException.class);
    }
}
