package io.ipfskit.itests.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Which of our bundles started each thread, from the JVM's flight recorder: a thread start event holds the starter's
 * stack, whose innermost frame of ours names the bundle (by package), else the starter's own origin. So a thread a
 * stopped bundle left running is caught by what it is, not by a count of names that pools grow and shrink.
 */
final class ThreadOrigins {

    /** The recording's name; it records thread starts only, from before the framework starts (see {@link #record}). */
    static final String RECORDING = "ipfskit-itest-thread-origins";
    /** Threads shared by the whole JVM or by Netty, started by whoever used them first: nobody's to stop. */
    private static final Pattern SHARED = Pattern.compile(
            "ForkJoinPool\\.commonPool-worker-\\d+|CompletableFutureDelayScheduler|globalEventExecutor-\\d+-\\d+"
                    + "|ObjectCleanerThread|process reaper|Common-Cleaner|Attach Listener");

    /**
     * Packages of shared code that starts threads only for its caller (the HTTP listener binds on the caller's event
     * loop and runs the caller's requests on a pool it makes for it): such a thread belongs to the caller's bundle.
     */
    private static final List<String> LIBRARIES = List.of("io.ipfskit.http.support.");

    private final List<String> ours;
    private final Map<Long, Start> starts = new HashMap<>();

    /** What a thread start event says: who started the thread, and the starter's innermost frame of ours, if any. */
    private record Start(long parent, String frame) {
    }

    /** Origins among these bundles of ours (symbolic names, which are also their packages' prefixes). */
    ThreadOrigins(List<String> ourBundles) {
        this.ours = ourBundles;
    }

    /** Starts recording thread starts in this JVM, once (Pax Exam's native container runs the framework here). */
    static synchronized void record() {
        for (Recording recording : FlightRecorder.getFlightRecorder().getRecordings()) {
            if (recording.getName().equals(RECORDING) && recording.getState() == RecordingState.RUNNING) {
                return;
            }
        }
        Recording recording = new Recording();
        recording.setName(RECORDING);
        recording.enable("jdk.ThreadStart").withStackTrace();
        recording.setToDisk(true);
        recording.setMaxSize(256L * 1024 * 1024);
        recording.start();
    }

    /** The bundle of ours that started the thread (itself or through the threads that started it), if any. */
    Optional<String> origin(Thread thread) {
        if (SHARED.matcher(thread.getName()).matches()) {
            return Optional.empty();
        }
        if (!starts.containsKey(thread.getId())) {
            reload();
        }
        Set<Long> seen = new HashSet<>();
        long id = thread.getId();
        while (seen.add(id)) {
            Start start = starts.get(id);
            if (start == null) {
                return Optional.empty();
            }
            if (start.frame() != null) {
                return bundleOf(start.frame());
            }
            id = start.parent();
        }
        return Optional.empty();
    }

    private Optional<String> bundleOf(String className) {
        return ours.stream().filter(b -> className.startsWith(b + ".")).max((a, b) -> a.length() - b.length());
    }

    /** Reads every thread start recorded so far (a dump of the running recording). */
    private void reload() {
        Recording recording = FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(r -> r.getName().equals(RECORDING)).findFirst()
                .orElseThrow(() -> new AssertionError("the thread origin recording was not started before the framework"));
        try {
            Path dump = Files.createTempFile("thread-origins", ".jfr");
            try {
                recording.dump(dump);
                for (RecordedEvent event : RecordingFile.readAllEvents(dump)) {
                    RecordedThread started = event.getThread("thread");
                    RecordedThread parent = event.getThread("parentThread");
                    if (started != null) {
                        starts.put(started.getJavaThreadId(), new Start(parent == null ? -1 : parent.getJavaThreadId(),
                                innermostOfOurs(event)));
                    }
                }
            } finally {
                Files.deleteIfExists(dump);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read the thread origin recording: " + e, e);
        }
    }

    private static String innermostOfOurs(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return null;
        }
        for (RecordedFrame frame : event.getStackTrace().getFrames()) {
            String type = frame.getMethod().getType().getName();
            if (type.startsWith("io.ipfskit.") && !type.startsWith("io.ipfskit.itests.")
                    && LIBRARIES.stream().noneMatch(type::startsWith)) {
                return type;
            }
        }
        return null;
    }
}
