package org.jracoon.parser.conf;

import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenFactory;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.UnbufferedCharStream;
import org.antlr.v4.runtime.UnbufferedTokenStream;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;

import java.io.IOException;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads racoon.conf files: {@link #load(Path)} for a file on disk (includes resolved against the
 * file system), {@link #parse(String, String)} for text in memory. Either returns the effective
 * configuration or throws a {@link ConfigException} listing every problem as FILE:LINE:COL.
 */
public final class ConfigLoader {

    /** Larger files are refused before reading: racoon.conf files are kilobytes, not megabytes. */
    public static final long MAX_FILE_BYTES = 8L << 20;
    /** racoon's include nesting limit (cftoken.l MAX_INCLUDE_DEPTH). */
    public static final int MAX_INCLUDE_DEPTH = 10;

    private ConfigLoader() {
    }

    public static LoadedConfig load(Path file) throws ConfigException {
        ConfigBuilder builder = new ConfigBuilder();
        builder.readFile(file, file.toString());
        return builder.finish();
    }

    /** Parses text named {@code name} in messages; includes in it are read from disk. */
    public static LoadedConfig parse(String text, String name) throws ConfigException {
        ConfigBuilder builder = new ConfigBuilder();
        builder.readText(text, name);
        return builder.finish();
    }

    /** The text of a file, or a diagnostic naming why it cannot be a racoon.conf. */
    static String readText(Path file, String name) throws SyntaxErrorReporter.Stop {
        byte[] bytes;
        try {
            if (!Files.exists(file)) {
                throw stop(name, 1, 1, "cannot read the file: it does not exist");
            }
            if (!Files.isRegularFile(file)) {
                throw stop(name, 1, 1, "cannot read the file: it is not a regular file");
            }
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                throw stop(name, 1, 1, "file is " + size + " bytes, larger than the " + MAX_FILE_BYTES
                        + " bytes accepted for a configuration file");
            }
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw stop(name, 1, 1, "cannot read the file: it does not exist");
        } catch (IOException e) {
            throw stop(name, 1, 1, "cannot read the file: " + e.getMessage());
        }
        return decode(bytes, name);
    }

    /** Strict UTF-8 (ASCII is what racoon.conf uses): binary input stops at its first bad byte. */
    static String decode(byte[] bytes, String name) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            int offset = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw stop(name, line, offset - lineStart + 1, String.format(
                    "not a text file: byte 0x%02x is not valid UTF-8", bytes[offset] & 0xff));
        }
        decoder.flush(out);
        out.flip();
        return out.toString();
    }

    /** Receives the top-level statements of a file in order. */
    interface StatementSink {
        void accept(RacoonParser.StatementContext statement) throws ConfigException;
    }

    /**
     * Parses one file's text and hands each top-level statement to {@code sink} as soon as it is
     * read, so a large file never exists as one parse tree: the unbuffered streams drop tokens once
     * their statement is built. This fast pass uses SLL prediction and stops at the first syntax
     * error; only then is the file parsed again, buffered and with full LL and the reporting error
     * handler, to produce the exact message.
     */
    static void parseStatements(String text, String name, StatementSink sink) throws ConfigException {
        rejectNul(text, name);
        UnbufferedCharStream chars = new UnbufferedCharStream(new StringReader(text));
        chars.name = name;
        RacoonLexer lexer = new RacoonLexer(chars);
        lexer.setTokenFactory(new CommonTokenFactory(true));    // token text must outlive the char buffer
        lexer.removeErrorListeners();
        UnbufferedTokenStream<Token> tokens = new UnbufferedTokenStream<>(lexer);
        RacoonParser parser = new RacoonParser(tokens);
        parser.removeErrorListeners();
        parser.setErrorHandler(new BailErrorStrategy());
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        int done = 0;
        try {
            while (tokens.LA(1) != Token.EOF) {
                sink.accept(parser.statement());
                done++;
            }
        } catch (ParseCancellationException fastPassFailed) {
            // throws Stop at the syntax error; returns only if SLL failed on valid input
            List<RacoonParser.StatementContext> all = parseTree(text, name).statement();
            for (RacoonParser.StatementContext statement : all.subList(done, all.size())) {
                sink.accept(statement);
            }
        }
    }

    /**
     * A NUL is never part of a racoon.conf: racoon's C strings would end there, and no file name
     * may hold one (the fuzzer's include "@sysconf\0...@" reached Path.of with it).
     */
    private static void rejectNul(String text, String name) {
        int at = text.indexOf('\0');
        if (at < 0) {
            return;
        }
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < at; i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        throw stop(name, line, at - lineStart + 1, "not a text file: a NUL character (U+0000)");
    }

    /** The whole file as one tree, parsed with full LL and the reporting error handler. */
    static RacoonParser.ConfigContext parseTree(String text, String name) {
        RacoonLexer lexer = new RacoonLexer(CharStreams.fromString(text, name));
        lexer.removeErrorListeners();
        RacoonParser parser = new RacoonParser(new CommonTokenStream(lexer));
        parser.removeErrorListeners();
        parser.setErrorHandler(new DefaultErrorStrategy());
        parser.addErrorListener(new SyntaxErrorReporter(name));
        parser.getInterpreter().setPredictionMode(PredictionMode.LL);
        return parser.config();
    }

    private static SyntaxErrorReporter.Stop stop(String name, int line, int column, String message) {
        return new SyntaxErrorReporter.Stop(Diagnostic.error(name, line, column, message));
    }
}
