package io.ipfskit.launcher;

import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Waits until FileInstall has handed every {@code etc/*.cfg}, as it is now, to ConfigAdmin, so that our components
 * start with the operator's configuration rather than defaults or what ConfigAdmin kept from the last run.
 * ConfigAdmin is read reflectively: its API is the bundles', not the launcher's.
 */
final class EtcConfigurations {

    private static final String CONFIG_ADMIN = "org.osgi.service.cm.ConfigurationAdmin";
    private static final String FILENAME = "felix.fileinstall.filename";

    private EtcConfigurations() {
    }

    /** Returns once each cfg file is a configuration, or after the timeout with a warning naming the files still missing. */
    static void awaitApplied(BundleContext context, Path etc, Duration timeout) throws IOException, InterruptedException {
        Map<Path, Properties> expected = new HashMap<>();
        for (Path file : cfgFiles(etc)) {
            expected.put(file, read(file));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending(expected, applied(context)).isEmpty()) {
            if (System.nanoTime() > deadline) {
                System.err.println("Warning: configuration files not applied within " + timeout.toSeconds()
                        + " s, starting without them: " + pending(expected, applied(context)));
                return;
            }
            Thread.sleep(20);
        }
    }

    /** The value {@code etc/<pid>.cfg} gives a key, trimmed; empty when the file or the key is absent. */
    static java.util.Optional<String> value(Path etc, String pid, String key) throws IOException {
        Path file = etc.resolve(pid + ".cfg");
        return Files.isRegularFile(file) ? java.util.Optional.ofNullable(read(file).getProperty(key)).map(String::trim)
                : java.util.Optional.empty();
    }

    /** The keys {@code etc/<pid>.cfg} sets; none when there is no such file. */
    static Set<String> keys(Path etc, String pid) throws IOException {
        Path file = etc.resolve(pid + ".cfg");
        return Files.isRegularFile(file) ? read(file).stringPropertyNames() : Set.of();
    }

    /** The files whose every property is not yet in a configuration made from that file (FileInstall fills ${...}). */
    private static List<Path> pending(Map<Path, Properties> expected, Map<Path, Dictionary<?, ?>> applied) {
        return expected.entrySet().stream().filter(e -> !matches(e.getValue(), applied.get(e.getKey())))
                .map(Map.Entry::getKey).toList();
    }

    private static boolean matches(Properties file, Dictionary<?, ?> configuration) {
        if (configuration == null) {
            return false;
        }
        for (String key : file.stringPropertyNames()) {
            Object value = configuration.get(key);
            String written = file.getProperty(key).trim();
            boolean interpolated = written.contains("${");
            if (value == null || !interpolated && !written.equals(value.toString().trim())) {
                return false;
            }
        }
        return true;
    }

    private static Properties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        return properties;
    }

    private static List<Path> cfgFiles(Path etc) throws IOException {
        try (Stream<Path> files = Files.list(etc)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".cfg")).map(EtcConfigurations::real).toList();
        }
    }

    private static Map<Path, Dictionary<?, ?>> applied(BundleContext context) {
        Map<Path, Dictionary<?, ?>> files = new HashMap<>();
        try {
            ServiceReference<?>[] references = context.getAllServiceReferences(CONFIG_ADMIN, null);
            if (references == null) {
                return files;
            }
            Object configAdmin = context.getService(references[0]);
            Class<?> api = configAdmin.getClass().getClassLoader().loadClass(CONFIG_ADMIN);
            Object[] configurations = (Object[]) api.getMethod("listConfigurations", String.class)
                    .invoke(configAdmin, "(" + FILENAME + "=*)");
            context.ungetService(references[0]);
            if (configurations == null) {
                return files;
            }
            Method properties = api.getClassLoader().loadClass("org.osgi.service.cm.Configuration").getMethod("getProperties");
            for (Object configuration : configurations) {
                Dictionary<?, ?> values = (Dictionary<?, ?>) properties.invoke(configuration);
                Object filename = values == null ? null : values.get(FILENAME);
                if (filename != null) {
                    files.put(real(Path.of(URI.create(filename.toString()))), values);
                }
            }
            return files;
        } catch (InvalidSyntaxException | ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read ConfigAdmin: " + e, e);
        }
    }

    private static Path real(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            return path.toAbsolutePath().normalize();
        }
    }
}
