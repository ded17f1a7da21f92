package org.jracoon.parser.psk;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jracoon.parser.conf.IpAddress;

/**
 * racoon's pre-shared key file (racoon.conf(5) "Pre-shared key File", localconf.c getpsk()).
 * Each line is an identifier, white space, and the key: everything after that white space up to
 * the end of the line, spaces and a trailing CR included. A key starting with {@code 0x} is hex.
 * Lines starting with {@code #} are comments. The identifier {@code *} matches any peer, as
 * Debian's racoon has it; the first matching line wins, in file order.
 */
public final class PskFile {

    /** racoon reads lines with a 1024-byte buffer; a longer line would be split into garbage. */
    public static final int MAX_LINE_BYTES = 1023;
    public static final String WILDCARD = "*";

    private final List<Entry> entries;

    /** One identifier and its key. */
    public static final class Entry {
        private final String identifier;
        private final byte[] key;
        private final int line;
        /** Parsed once: a responder looks a key up for every Main Mode, walking the entries. */
        private final Optional<InetAddress> address;

        Entry(String identifier, byte[] key, int line) {
            this.identifier = identifier;
            this.key = key;
            this.line = line;
            this.address = parseAddress(identifier);
        }

        public String identifier() {
            return identifier;
        }

        public byte[] key() {
            return key.clone();
        }

        public int line() {
            return line;
        }

        /** The identifier as an address, if it is one. */
        Optional<InetAddress> address() {
            return address;
        }

        private static Optional<InetAddress> parseAddress(String identifier) {
            try {
                return Optional.of(IpAddress.parse(identifier).address());
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
    }

    private PskFile(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** Reads the file after checking, as racoon does, that nobody else can read it. */
    public static PskFile load(Path file) throws PskException {
        try {
            if (!Files.isRegularFile(file)) {
                throw new PskException(file + ": pre-shared key file does not exist or is not a regular file");
            }
            Optional<String> unsafe = SafeFile.problem(file);
            if (unsafe.isPresent()) {
                throw new PskException(file + ": pre-shared key file refused: " + unsafe.get());
            }
            return parse(Files.readAllBytes(file), file.toString());
        } catch (IOException e) {
            throw new PskException(file + ": cannot read the pre-shared key file: " + e.getMessage());
        }
    }

    /** Parses psk.txt content; {@code name} is used in messages. No permission check. */
    public static PskFile parse(byte[] content, String name) throws PskException {
        List<Entry> entries = new ArrayList<>();
        int lineNo = 0;
        int start = 0;
        while (start < content.length) {
            int end = start;
            while (end < content.length && content[end] != '\n') {
                end++;
            }
            lineNo++;
            if (end - start > MAX_LINE_BYTES) {
                throw new PskException(name + ":" + lineNo + ":1: line is longer than " + MAX_LINE_BYTES + " bytes");
            }
            byte[] line = Arrays.copyOfRange(content, start, end);
            start = end + 1;
            if (line.length == 0 || line[0] == '#') {
                continue;
            }
            int idEnd = 0;
            while (idEnd < line.length && !isSpace(line[idEnd])) {
                idEnd++;
            }
            int keyStart = idEnd;
            while (keyStart < line.length && isSpace(line[keyStart])) {
                keyStart++;
            }
            if (idEnd == 0 || keyStart == line.length) {
                continue;   // no identifier or no key: racoon skips such lines
            }
            String identifier = new String(line, 0, idEnd, StandardCharsets.ISO_8859_1);
            byte[] key = Arrays.copyOfRange(line, keyStart, line.length);
            if (key.length > 2 && key[0] == '0' && key[1] == 'x') {
                key = hex(key, name, lineNo, keyStart + 1);
            }
            entries.add(new Entry(identifier, key, lineNo));
        }
        return new PskFile(entries);
    }

    private static byte[] hex(byte[] key, String name, int line, int column) throws PskException {
        String digits = new String(key, 2, key.length - 2, StandardCharsets.ISO_8859_1);
        if (digits.length() % 2 != 0 || !digits.matches("[0-9a-fA-F]+")) {
            throw new PskException(name + ":" + line + ":" + column
                    + ": key starts with 0x but is not an even number of hex digits");
        }
        return HexFormat.of().parseHex(digits);
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\f' || b == 0x0b;
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The key for an identifier (FQDN, user FQDN, Xauth login, or an address as text). */
    public Optional<byte[]> lookup(String identifier) {
        return entries.stream()
                .filter(e -> e.identifier().equals(identifier) || e.identifier().equals(WILDCARD))
                .findFirst().map(Entry::key);
    }

    /**
     * The key for a peer address. Addresses are compared as addresses, so {@code 3ffe:501::1} and its
     * uncompressed spelling match alike.
     */
    public Optional<byte[]> lookup(InetAddress address) {
        return entries.stream()
                .filter(e -> e.identifier().equals(WILDCARD) || e.address().map(address::equals).orElse(false))
                .findFirst().map(Entry::key);
    }
}
