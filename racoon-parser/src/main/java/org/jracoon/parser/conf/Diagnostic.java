package org.jracoon.parser.conf;

/**
 * One problem found in a configuration file, printed as {@code FILE:LINE:COL: message}
 * ({@code FILE:LINE:COL: warning: message} for warnings), the form compilers use so editors can jump
 * to it. Line and column count from 1.
 */
public record Diagnostic(String file, int line, int column, Severity severity, String message) {

    public enum Severity { ERROR, WARNING }

    public static Diagnostic error(String file, int line, int column, String message) {
        return new Diagnostic(file, line, column, Severity.ERROR, message);
    }

    public static Diagnostic warning(String file, int line, int column, String message) {
        return new Diagnostic(file, line, column, Severity.WARNING, message);
    }

    public static Diagnostic warning(SourceLocation at, String message) {
        return warning(at.file(), at.line(), at.column(), message);
    }

    public static Diagnostic error(SourceLocation at, String message) {
        return error(at.file(), at.line(), at.column(), message);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + (isError() ? "" : "warning: ") + message;
    }
}
