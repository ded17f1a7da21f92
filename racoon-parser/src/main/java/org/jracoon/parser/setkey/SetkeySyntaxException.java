package org.jracoon.parser.setkey;

/**
 * A setkey input that cannot be read, reported as setkey(8) reports it:
 * {@code line N: message at [token]}.
 */
public final class SetkeySyntaxException extends Exception {
    private static final long serialVersionUID = 1L;

    private final int line;
    private final String reason;
    private final String near;

    public SetkeySyntaxException(int line, String reason, String near) {
        // a quoted token may span lines; the message stays one line
        super("line " + line + ": " + reason + " at [" + near.replace("\r", "\\r").replace("\n", "\\n") + "]");
        this.line = line;
        this.reason = reason;
        this.near = near;
    }

    /** The 1-based line the error was found on. */
    public int line() {
        return line;
    }

    /** The message without the line and token, e.g. {@code syntax error}. */
    public String reason() {
        return reason;
    }

    /** The text of the token the error was found at (empty at the end of the input). */
    public String near() {
        return near;
    }
}
