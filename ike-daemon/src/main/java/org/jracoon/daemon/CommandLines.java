package org.jracoon.daemon;

import picocli.CommandLine;

/**
 * What racoon's and racoonctl's command lines share: a bad option is its message and a pointer
 * to -h (not the whole usage, which buries the message), an internal error one line, and the version.
 */
public final class CommandLines {

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    private CommandLines() {
    }

    /** {@code command}'s command line; a defect is one line "NAME: internal error: ...", never a stack trace. */
    public static CommandLine of(Object command, String name) {
        CommandLine cl = new CommandLine(command);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine at = e.getCommandLine();
            at.getErr().println(e.getMessage());
            at.getErr().println("(" + name + " -h lists the options)");
            return EXIT_USAGE;
        });
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
