package org.jracoon.testbeds;

/** A scenario that cannot be read or brought up: the message is one line naming the file or host. */
public final class ScenarioException extends Exception {
    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
