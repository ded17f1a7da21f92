package org.jracoon.daemon.ctl;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import picocli.CommandLine;

/** racoonctl run in the test's JVM against a daemon's admin socket. */
public final class Racoonctl {

    private Racoonctl() {
    }

    /** Exit status, standard output and standard error of one racoonctl run. */
    public record Result(int exit, String out, String err) {
    }

    /** {@code racoonctl -s SOCKET WORDS...} (words separated by single spaces); never a stack trace. */
    public static Result run(Path socket, String words) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = RacoonctlMain.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(("-s " + socket + " " + words).split(" "));
        Result result = new Result(exit, out.toString(), err.toString());
        assertFalse(result.err().contains("\tat ") || result.err().contains("Exception"), "no stack trace: " + result);
        return result;
    }
}
