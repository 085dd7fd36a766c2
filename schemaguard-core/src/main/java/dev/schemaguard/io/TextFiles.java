package dev.schemaguard.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Files;

/**
 * Reads the text files SchemaGuard analyses. Migrations are source code: they must be UTF-8 text.
 * Anything else is reported with the file and the line of the first offending byte.
 */
public final class TextFiles {

    private TextFiles() {
    }

    /**
     * Reads a UTF-8 text file.
     *
     * @param file    the file to read
     * @param display how the file is named in messages (usually relative to the project)
     * @throws InputException when the file is missing, unreadable, binary or not UTF-8
     */
    public static String read(Path file, Path display) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InputException(display, "file not found");
        } catch (AccessDeniedException e) {
            throw new InputException(display, "cannot read the file: permission denied");
        } catch (IOException e) {
            throw new InputException(display, 0, "cannot read the file: " + e.getMessage(), e);
        }
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new InputException(display, lineAt(bytes, i),
                        "binary file (NUL byte at offset " + i + "): a migration must be a text file");
            }
        }
        String text = isAscii(bytes) ? new String(bytes, StandardCharsets.ISO_8859_1) : decodeUtf8(bytes, display);
        // A byte order mark is invisible in editors and must not become part of the first token.
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Most migrations are ASCII, which needs no decoding (and is stored one byte a character). */
    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    private static String decodeUtf8(byte[] bytes, Path display) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            throw new InputException(display, lineAt(bytes, offset), String.format(
                    "not UTF-8 text (byte 0x%02X at offset %d); save the file as UTF-8",
                    bytes[offset] & 0xFF, offset));
        }
        try {
            CoderResult flush = decoder.flush(out);
            if (flush.isError()) {
                flush.throwException();
            }
        } catch (CharacterCodingException e) {
            throw new InputException(display, 0, "not UTF-8 text; save the file as UTF-8", e);
        }
        out.flip();
        return out.toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }
}
