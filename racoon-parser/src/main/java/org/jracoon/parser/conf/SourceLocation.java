package org.jracoon.parser.conf;

/** Where something was written: file as the user named it, line and column from 1. */
public record SourceLocation(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
