package org.peerstack.internal.recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.peerstack.exc.UnsupportedRecordingTypeException;

/**
 * The capability table behind {@code MediaRecorder.isTypeSupported(type)} and the choice of what a
 * recording writes (W3C MediaStream Recording, "isTypeSupported" and the constructor's mimeType step).
 *
 * <p>Rules, as browsers apply them: {@code ""} is supported (the default type); the type and subtype
 * must name a known container ({@code video|audio / webm|mp4|x-matroska|ogg}); a {@code codecs} parameter may list
 * at most one video and one audio codec, each one the container can hold (ids compared
 * case-insensitively); an audio type cannot name a video codec; and every codec must have a working
 * encoder in the loaded FFmpeg build ({@code avcodec_find_encoder_by_name}). Other parameters are
 * ignored; malformed syntax is unsupported.
 */
public final class RecordingTypes {

    private final Predicate<RecorderCodec> encoderAvailable;

    /** @param encoderAvailable whether the native encoder for a codec exists (only replaced in tests) */
    public RecordingTypes(Predicate<RecorderCodec> encoderAvailable) {
        this.encoderAvailable = Objects.requireNonNull(encoderAvailable, "encoderAvailable");
    }

    /** The table for the FFmpeg build on the class path. */
    public static RecordingTypes ofNativeEncoders() {
        return new RecordingTypes(NativeCodecs::encoderAvailable);
    }

    /** A MIME type as given, split into its parts: type, subtype and the codec ids (empty if absent). */
    record Parsed(String type, String subtype, List<String> codecIds) {
    }

    /** {@code MediaRecorder.isTypeSupported(type)}. */
    public boolean isTypeSupported(String mimeType) {
        if (mimeType == null) {
            return false;
        }
        if (mimeType.isEmpty()) {
            return true;
        }
        return parse(mimeType).flatMap(this::resolveCodecs).isPresent();
    }

    /**
     * The type a recording of these tracks writes, following the browsers: an empty {@code mimeType}
     * gives WebM (VP8 and/or Opus); a container without codecs gets its default codecs for the tracks
     * present; codecs named for one kind only get the container's default for the other kind; an audio
     * type records only the audio.
     *
     * @throws UnsupportedRecordingTypeException if the type is not supported or cannot record any track
     */
    public RecordingType select(String mimeType, boolean hasVideoTrack, boolean hasAudioTrack) {
        Objects.requireNonNull(mimeType, "mimeType");
        if (!hasVideoTrack && !hasAudioTrack) {
            throw new UnsupportedRecordingTypeException("nothing to record: no video and no audio track");
        }
        String given = mimeType.isEmpty() ? (hasVideoTrack ? "video/webm" : "audio/webm") : mimeType;
        Parsed parsed = parse(given).orElseThrow(() -> unsupported(mimeType, "malformed MIME type"));
        Codecs named = resolveCodecs(parsed).orElseThrow(() -> unsupported(mimeType,
                "container or codecs not supported by this build"));
        Container container = named.container;
        boolean audioType = parsed.type.equals("audio");
        Optional<RecorderCodec> video = Optional.empty();
        if (hasVideoTrack && !audioType) {
            video = named.video.or(container::defaultVideoCodec).filter(encoderAvailable);
        }
        Optional<RecorderCodec> audio = Optional.empty();
        if (hasAudioTrack) {
            audio = named.audio.or(container::defaultAudioCodec).filter(encoderAvailable);
        }
        if (video.isEmpty() && audio.isEmpty()) {
            throw unsupported(mimeType, "it cannot record the given tracks");
        }
        return new RecordingType(container, video.isPresent() ? "video" : parsed.type, video, audio);
    }

    private static UnsupportedRecordingTypeException unsupported(String mimeType, String why) {
        return new UnsupportedRecordingTypeException("cannot record '" + mimeType + "': " + why);
    }

    private record Codecs(Container container, Optional<RecorderCodec> video, Optional<RecorderCodec> audio) {
    }

    private Optional<Codecs> resolveCodecs(Parsed parsed) {
        Optional<Container> container = Container.ofSubtype(parsed.subtype);
        if (container.isEmpty() || !(parsed.type.equals("video") || parsed.type.equals("audio"))) {
            return Optional.empty();
        }
        Container c = container.get();
        if (parsed.type.equals("video") && c.videoCodecs().isEmpty()) {
            return Optional.empty();
        }
        Optional<RecorderCodec> video = Optional.empty();
        Optional<RecorderCodec> audio = Optional.empty();
        for (String id : parsed.codecIds) {
            Optional<RecorderCodec> codec = RecorderCodec.ofId(id);
            if (codec.isEmpty() || !c.holds(codec.get()) || !encoderAvailable.test(codec.get())) {
                return Optional.empty();
            }
            if (codec.get().isVideo()) {
                if (video.isPresent() || parsed.type.equals("audio")) {
                    return Optional.empty();
                }
                video = codec;
            } else {
                if (audio.isPresent()) {
                    return Optional.empty();
                }
                audio = codec;
            }
        }
        if (parsed.codecIds.isEmpty()) {
            boolean anyEncoder = c.defaultAudioCodec().filter(encoderAvailable).isPresent()
                    || (parsed.type.equals("video") && c.defaultVideoCodec().filter(encoderAvailable).isPresent());
            if (!anyEncoder) {
                return Optional.empty();
            }
        }
        return Optional.of(new Codecs(c, video, audio));
    }

    /** Parses {@code type/subtype *(; name=value)} (RFC 2045 tokens, quoted values); empty if malformed. */
    static Optional<Parsed> parse(String mimeType) {
        String[] parts = splitParameters(mimeType);
        if (parts == null) {
            return Optional.empty();
        }
        String essence = parts[0].trim().toLowerCase(Locale.ROOT);
        int slash = essence.indexOf('/');
        if (slash <= 0 || slash == essence.length() - 1 || !isToken(essence.substring(0, slash))
                || !isToken(essence.substring(slash + 1))) {
            return Optional.empty();
        }
        List<String> codecIds = List.of();
        boolean seenCodecs = false;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            int eq = p.indexOf('=');
            if (eq <= 0) {
                return Optional.empty();
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                value = value.substring(1, value.length() - 1);
            } else if (value.contains("\"") || value.isEmpty()) {
                return Optional.empty();
            }
            if (name.equals("codecs")) {
                if (seenCodecs) {
                    return Optional.empty();
                }
                seenCodecs = true;
                List<String> ids = new ArrayList<>();
                for (String id : value.split(",", -1)) {
                    if (id.isBlank()) {
                        return Optional.empty();
                    }
                    ids.add(id.trim());
                }
                codecIds = List.copyOf(ids);
            }
        }
        return Optional.of(new Parsed(essence.substring(0, slash), essence.substring(slash + 1), codecIds));
    }

    /** Splits at semicolons outside quotes; null if a quote is unbalanced. */
    private static String[] splitParameters(String s) {
        List<String> out = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '"') {
                quoted = !quoted;
            } else if (ch == ';' && !quoted) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        if (quoted) {
            return null;
        }
        out.add(s.substring(start));
        return out.toArray(String[]::new);
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= 32 || ch >= 127 || "()<>@,;:\\\"/[]?=".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }
}
