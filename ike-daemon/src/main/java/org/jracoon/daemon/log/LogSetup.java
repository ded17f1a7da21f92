package org.jracoon.daemon.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.filter.ThresholdFilter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.Appender;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the daemon's log goes and how much of it, from racoon's switches: {@code -l FILE} logs
 * to a file; otherwise a daemonised racoon logs to syslog (facility daemon), one in the
 * foreground to stderr (under systemd each line carries the {@code <N>} syslog priority prefix
 * that journald reads, so {@code journalctl -p err} works). The amount follows
 * racoon.conf's {@code log} level raised by each {@code -d}:
 * <ul>
 *   <li>0: what happened (negotiations started, established, failed, with the reason);</li>
 *   <li>1 ({@code -d}): every step of an exchange;</li>
 *   <li>2 ({@code -dd}): also each decoded payload (logger {@code ike.enc});</li>
 *   <li>3 ({@code -ddd}): also raw packets and key material, at TRACE, and nowhere below.</li>
 * </ul>
 * Subsystems log under {@code ike.net}, {@code ike.ike}, {@code ike.chd}, {@code ike.enc},
 * {@code ike.knl}, {@code ike.cfg} and {@code ike.ctl}.
 */
public final class LogSetup {
    /** The root of the daemon's subsystem loggers. */
    public static final String ROOT = "ike";
    /** Decoded payloads: shown from {@code -dd} on. */
    public static final String PAYLOADS = "ike.enc";

    private LogSetup() {
    }

    /**
     * Replaces whatever logback configured by itself.
     *
     * @param verbosity racoon.conf's log level as a number (0 = info and above) plus the count of {@code -d}
     * @param file      the {@code -l} file, or null for stderr
     */
    public static void configure(int verbosity, Path file) {
        configure(verbosity, file, false, false, false);
    }

    /**
     * As {@link #configure(int, Path)}, and the choices of a daemon's command line.
     *
     * @param syslog   to syslog (facility daemon, ident racoon) instead, as a detached racoon
     *                 without {@code -l} logs
     * @param location each line names the class, method and line that logged it (racoon's {@code -L})
     * @param echo     racoon's {@code -v}: info lines and above also on stderr when the log goes to
     *                 a file or to syslog, so that whoever started racoon sees what it does
     */
    public static void configure(int verbosity, Path file, boolean syslog, boolean location, boolean echo) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        boolean journal = file == null && !syslog && System.getenv("JOURNAL_STREAM") != null;

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        String where = location ? "%class{0}.%method:%line: " : "";
        encoder.setPattern(journal ? "<%syslogPriority>%level: [%logger] " + where + "%msg%n"
                : syslog ? "%level: [%logger] " + where + "%msg"
                : plain(where));
        @SuppressWarnings("unchecked")
        Map<String, Object> converters = (Map<String, Object>) context.getObject("PATTERN_RULE_REGISTRY");
        if (converters == null) {
            converters = new java.util.HashMap<>();
            context.putObject("PATTERN_RULE_REGISTRY", converters);
        }
        converters.put("syslogPriority", SyslogPriority.class.getName());
        encoder.start();

        Appender<ILoggingEvent> appender;
        if (syslog) {
            appender = new SyslogAppender(encoder);
        } else if (file != null) {
            FileAppender<ILoggingEvent> fileAppender = new FileAppender<>();
            fileAppender.setFile(file.toString());
            fileAppender.setAppend(true);
            fileAppender.setEncoder(encoder);
            appender = fileAppender;
        } else {
            appender = stderr(encoder);
        }
        appender.setContext(context);
        appender.setName("racoon");
        appender.start();

        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(appender);
        if (echo && (syslog || file != null)) {
            root.addAppender(stderrInfo(context, where));
        }
        root.setLevel(Level.WARN); // libraries (Netty, JNA) speak only when something is wrong
        context.getLogger(ROOT).setLevel(verbosity >= 3 ? Level.TRACE : verbosity >= 1 ? Level.DEBUG : Level.INFO);
        context.getLogger(PAYLOADS).setLevel(verbosity >= 3 ? Level.TRACE : verbosity >= 2 ? Level.DEBUG : Level.INFO);
    }

    /** racoon's own shape: "2026-11-26 20:00:00: INFO: message", here with the subsystem. */
    private static String plain(String where) {
        return "%d{yyyy-MM-dd HH:mm:ss}: %level: [%logger] " + where + "%msg%n";
    }

    /** stderr in the foreground's format, info and above whatever the levels of the loggers. */
    private static Appender<ILoggingEvent> stderrInfo(LoggerContext context, String where) {
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(plain(where));
        encoder.start();
        ThresholdFilter info = new ThresholdFilter();
        info.setLevel(Level.INFO.levelStr);
        info.start();
        Appender<ILoggingEvent> console = stderr(encoder);
        console.addFilter(info);
        console.setContext(context);
        console.setName("racoon-v");
        console.start();
        return console;
    }

    private static ConsoleAppender<ILoggingEvent> stderr(PatternLayoutEncoder encoder) {
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setTarget("System.err");
        console.setEncoder(encoder);
        return console;
    }

    /** The syslog priority journald reads from a {@code <N>} prefix (sd-daemon(3)). */
    public static final class SyslogPriority extends ClassicConverter {
        @Override
        public String convert(ILoggingEvent event) {
            return Integer.toString(syslogPriority(event.getLevel()));
        }
    }

    /** syslog(3) priorities: LOG_ERR 3, LOG_WARNING 4, LOG_INFO 6, LOG_DEBUG 7. */
    static int syslogPriority(Level level) {
        return switch (level.toInt()) {
            case Level.ERROR_INT -> 3;
            case Level.WARN_INT -> 4;
            case Level.INFO_INT -> 6;
            default -> 7;
        };
    }
}
