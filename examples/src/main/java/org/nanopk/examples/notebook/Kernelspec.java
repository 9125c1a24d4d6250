package org.nanopk.examples.notebook;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Jupyter kernelspec {@code nanopk}: {@code DIR/kernels/nanopk/kernel.json} and the NanoPK jar beside
 * it. Jupyter starts the kernel with this JVM's {@code java}, the jar from the kernel's own directory
 * ({@code {resource_dir}}), and {@code interrupt_mode: message} (a signal would end the JVM, not the cell).
 */
public final class Kernelspec {
    /** The kernel's name in Jupyter (notebooks' metadata.kernelspec.name). */
    public static final String NAME = "nanopk";

    private Kernelspec() {
    }

    /**
     * The user's Jupyter data directory: $JUPYTER_DATA_DIR, else ~/.local/share/jupyter (Linux; with
     * $XDG_DATA_HOME if set), ~/Library/Jupyter (macOS) or %APPDATA%\jupyter (Windows).
     */
    public static Path userDataDir() {
        String env = System.getenv("JUPYTER_DATA_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        Path userHome = Path.of(System.getProperty("user.home"));
        if (os.contains("mac")) {
            return userHome.resolve("Library/Jupyter");
        }
        if (os.contains("win") && System.getenv("APPDATA") != null) {
            return Path.of(System.getenv("APPDATA"), "jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        return (xdg != null && !xdg.isBlank() ? Path.of(xdg) : userHome.resolve(".local/share")).resolve("jupyter");
    }

    /**
     * Writes the kernelspec under {@code dataDir/kernels/nanopk}, replacing an earlier one.
     *
     * @param dataDir a Jupyter data directory
     * @param home the NanoPK repository root (notebooks read examples/data there), or null
     * @return the kernel's directory
     */
    public static Path install(Path dataDir, Path home) {
        Path jar = runningJar();
        Path dir = dataDir.resolve("kernels").resolve(NAME);
        try {
            Files.createDirectories(dir);
            Files.copy(jar, dir.resolve("nanopk.jar"), StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(dir.resolve("kernel.json"), kernelJson(home));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kernel to " + dir + ": " + e.getMessage(), e);
        }
        return dir;
    }

    /** The kernel.json text. */
    static String kernelJson(Path home) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> argv = new ArrayList<>(List.of(java, "-Djava.awt.headless=true", "-XX:+UseSerialGC"));
        if (home != null) {
            argv.add("-Dnanopk.home=" + home.toAbsolutePath().normalize());
        }
        argv.addAll(List.of("-cp", "{resource_dir}/nanopk.jar", NanoPkKernel.class.getName(), "{connection_file}"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", "NanoPK (Java " + Runtime.version().feature() + ")");
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        try {
            // Jupyter's own layout: "key": value
            DefaultPrettyPrinter layout = new DefaultPrettyPrinter().withSeparators(Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER));
            return new ObjectMapper().writer(layout).writeValueAsString(spec) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The jar this class runs from: the command-line jar, which holds NanoPK, the kernel and its libraries. */
    static Path runningJar() {
        try {
            Path p = Path.of(Kernelspec.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(p) || !p.toString().endsWith(".jar")) {
                throw new IllegalStateException("the kernel is installed from the command-line jar; this runs from "
                    + p + ": build it (mvn -B package) and run ./nanopk notebook install");
            }
            return p;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
