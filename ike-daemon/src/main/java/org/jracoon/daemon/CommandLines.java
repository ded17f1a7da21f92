package org.jracoon.daemon;

import picocli.CommandLine;

/** What racoon's and racoonctl's command lines share: one line on an internal error, and the version. */
public final class CommandLines {

    static final int EXIT_FAILURE = 1;

    private CommandLines() {
    }

    /** {@code command}'s command line; a defect is one line "NAME: internal error: ...", never a stack trace. */
    public static CommandLine of(Object command, String name) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println(name + ": internal error: " + e);
            return EXIT_FAILURE;
        });
        return cl;
    }

    /** "jracoon VERSION", from the jar's manifest. */
    public static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = CommandLines.class.getPackage().getImplementationVersion();
            return new String[] {"jracoon " + (v == null ? "development build" : v)};
        }
    }
}
