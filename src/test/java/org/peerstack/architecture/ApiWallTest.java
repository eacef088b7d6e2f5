package org.peerstack.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API wall, checked on the compiled classes of every peerstack module on this test's classpath
 * (here peerstack-base and peerstack-core; the recorder module runs the same rules over itself too,
 * and peerstack-signaling cannot reach webrtc-java or FFmpeg at all: they are not its dependencies):
 * <ul>
 *   <li>a public package exposes no internal, webrtc-java or FFmpeg type in a public or protected
 *       signature (fields, constructors, methods, type parameters, supertypes);</li>
 *   <li>{@code media} depends on neither {@code rtc} nor {@code recorder} (capture knows nothing of who
 *       consumes it);</li>
 *   <li>only the native adapters ({@code internal.natives}, {@code internal.rtc}, {@code internal.media},
 *       {@code internal.baseline}) touch webrtc-java, and only {@code internal.recorder} and {@code internal.filesource}
 *       (both in peerstack-recorder) touch FFmpeg.</li>
 * </ul>
 * See docs/ARCHITECTURE.md, "The API wall".
 */
public class ApiWallTest {

    /** Packages whose public types are the library's API. */
    static final String[] PUBLIC_PACKAGES = {
        "org.peerstack.event", "org.peerstack.exc", "org.peerstack.config", "org.peerstack.media",
        "org.peerstack.rtc", "org.peerstack.recorder", "org.peerstack.signaling",
    };

    /** Packages allowed to use webrtc-java. */
    static final String[] NATIVE_ADAPTERS = {
        "org.peerstack.internal.natives..", "org.peerstack.internal.rtc..", "org.peerstack.internal.media..",
        "org.peerstack.internal.baseline..",
    };

    /** The only packages that may touch FFmpeg (bytedeco): the recording engine and the file sources. */
    static final String[] FFMPEG_ADAPTERS = {"org.peerstack.internal.recorder..", "org.peerstack.internal.filesource.."};

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("org.peerstack");
    }

    @Test
    void publicPackagesExposeNoInternalOrNativeType() {
        ArchRule rule = classes().that().resideInAnyPackage(PUBLIC_PACKAGES).and().arePublic()
                .should(exposeOnlyApiTypes());
        rule.check(classes);
    }

    @Test
    void mediaDependsOnNeitherRtcNorRecorder() {
        ArchRule rule = noClasses().that().resideInAPackage("org.peerstack.media..")
                .should().dependOnClassesThat().resideInAnyPackage("org.peerstack.rtc..", "org.peerstack.recorder..",
                        "org.peerstack.internal.rtc..", "org.peerstack.internal.recorder..");
        rule.check(classes);
    }

    @Test
    void onlyTheNativeAdaptersTouchWebrtcJava() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(NATIVE_ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage("dev.onvoid..");
        rule.check(classes);
    }

    @Test
    void onlyTheFfmpegAdaptersTouchFfmpeg() {
        ArchRule rule = noClasses().that().resideOutsideOfPackages(FFMPEG_ADAPTERS)
                .should().dependOnClassesThat().resideInAPackage("org.bytedeco..");
        rule.check(classes);
    }

    @Test
    void theRulesSawTheLibrary() {
        // An empty import would make every rule above pass vacuously.
        org.assertj.core.api.Assertions.assertThat(classes.contain("org.peerstack.rtc.RTCPeerConnection")).isTrue();
        org.assertj.core.api.Assertions.assertThat(classes.contain("org.peerstack.media.VideoFrame")).isTrue();
    }

    private static boolean forbidden(JavaClass type) {
        String name = type.getName();
        return name.startsWith("org.peerstack.internal.") || name.startsWith("dev.onvoid.")
                || name.startsWith("org.bytedeco.");
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static ArchCondition<JavaClass> exposeOnlyApiTypes() {
        return new ArchCondition<>("expose no internal, webrtc-java or FFmpeg type in a public signature") {
            @Override
            public void check(JavaClass javaClass, ConditionEvents events) {
                List<String> leaks = new ArrayList<>();
                List<JavaType> supertypes = new ArrayList<>(javaClass.getInterfaces());
                javaClass.getSuperclass().ifPresent(supertypes::add);
                supertypes.forEach(t -> leak(leaks, "supertype", t));
                for (JavaField field : javaClass.getFields()) {
                    if (visible(field.getModifiers())) {
                        leak(leaks, "field " + field.getName(), field.getType());
                    }
                }
                for (JavaCodeUnit unit : javaClass.getCodeUnits()) {
                    if (!visible(unit.getModifiers()) || unit.getName().equals("<clinit>")) {
                        continue;
                    }
                    String where = unit.getFullName();
                    leak(leaks, where + " returns", unit.getReturnType());
                    unit.getParameterTypes().forEach(t -> leak(leaks, where + " takes", t));
                    unit.getThrowsClause().getTypes().forEach(t -> leak(leaks, where + " throws", t));
                }
                for (String leak : leaks) {
                    events.add(SimpleConditionEvent.violated(javaClass, javaClass.getName() + ": " + leak));
                }
            }
        };
    }

    private static void leak(List<String> leaks, String where, JavaType type) {
        for (JavaClass involved : type.getAllInvolvedRawTypes()) {
            if (forbidden(involved)) {
                leaks.add(where + " " + involved.getName());
            }
        }
    }
}
