package org.nanopk.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Reading and writing the user's files so that nothing is lost: input is read with a byte limit that
 * holds for devices, pipes and streams (the bytes are counted, not taken from the file's reported
 * size) and decoded as strict UTF-8, naming the file and the place of a bad byte; output is written to
 * a temporary file in the target's folder and moved over the target only when complete, so a failed
 * run leaves an earlier file untouched.
 */
public final class SafeFiles {
    private SafeFiles() {
    }

    /** Writes a file's content. */
    @FunctionalInterface
    public interface Content {
        /** Writes everything to {@code out}. */
        void writeTo(Writer out) throws IOException;
    }

    /**
     * The text of a UTF-8 file of at most {@code maxBytes} bytes (a leading byte-order mark removed).
     *
     * @param what what the file is, for messages (e.g. "model file")
     * @throws IllegalArgumentException if it is missing, a directory, too large or not UTF-8
     * @throws UncheckedIOException if it cannot be read
     */
    public static String readText(Path file, long maxBytes, String what) {
        Checks.notNull(what, file);
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory; expected a " + what);
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file; expected a " + what);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + what + " " + file + ": " + reason(e), e);
        }
        if (bytes.length > maxBytes) {
            throw new IllegalArgumentException(file + ": " + what + " is too large (more than " + maxBytes
                + " bytes); expected at most " + maxBytes + " bytes");
        }
        return decode(bytes, file.toString());
    }

    /** Strict UTF-8 decoding; a bad byte is reported with its line and byte offset. */
    public static String decode(byte[] bytes, String source) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = d.decode(in, out, true);
        if (!r.isError()) {
            r = d.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            int line = 1;
            for (int i = 0; i < at; i++) {
                if (bytes[i] == '\n') {
                    line++;
                }
            }
            throw new IllegalArgumentException(source + ": not UTF-8 text (byte " + (at + 1) + ", line " + line
                + ", is 0x" + String.format("%02X", bytes[at] & 0xFF) + "); save the file as UTF-8");
        }
        out.flip();
        String s = out.toString();
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /**
     * Writes {@code content} to {@code target} (UTF-8) through a temporary file in the same folder,
     * moved into place only when complete: if writing fails, an existing target is left as it was.
     */
    public static void write(Path target, Content content) {
        Checks.notNull("content", content);
        Path abs = prepare(target);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                content.writeTo(w);
            }
            moveIntoPlace(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** The absolute target, checked: not a directory, in a folder that exists. */
    private static Path prepare(Path target) {
        Checks.notNull("output file", target);
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (Files.isDirectory(abs)) {
            throw new IllegalArgumentException(target + ": is a directory; expected a file to write");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw new IllegalArgumentException(target + ": the folder " + dir + " does not exist");
        }
        return abs;
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path tmp) {
        if (tmp != null) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // the temporary file could not be removed; the target is untouched either way
            }
        }
    }

    /** Writes {@code bytes} to {@code target} as {@link #write} does: through a temporary file moved into place. */
    public static void writeBytes(Path target, byte[] bytes) {
        Checks.notNull("bytes", bytes);
        Path abs = prepare(target);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(abs.getParent(), "." + abs.getFileName() + ".", ".tmp");
            Files.write(tmp, bytes);
            moveIntoPlace(tmp, abs);
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target + ": " + reason(e), e);
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** An I/O failure's reason without the exception's class name. */
    public static String reason(IOException e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder";
        }
        return m == null ? "I/O error" : m;
    }
}
