package org.jracoon.daemon.log;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * Log lines to syslog(3) with facility daemon, as racoon logs without {@code -l}: libc's own
 * syslog, so the line reaches {@code /dev/log} (syslogd or journald) as every daemon's does.
 */
final class SyslogAppender extends AppenderBase<ILoggingEvent> {

    /** The libc calls used here (syslog(3)). */
    interface Syslog extends Library {
        int LOG_PID = 0x01;
        int LOG_NDELAY = 0x08;
        int LOG_DAEMON = 3 << 3;

        void openlog(Memory ident, int option, int facility);

        void syslog(int priority, String format, Object... args);
    }

    private static final Syslog LIBC = Native.load("c", Syslog.class);
    /** openlog(3) keeps the pointer, so the ident must outlive every call: a static native copy. */
    private static final Memory IDENT = identity("racoon");

    private final PatternLayoutEncoder encoder;

    SyslogAppender(PatternLayoutEncoder encoder) {
        this.encoder = encoder;
    }

    private static Memory identity(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
        Memory memory = new Memory(bytes.length + 1L);
        memory.write(0, bytes, 0, bytes.length);
        memory.setByte(bytes.length, (byte) 0);
        return memory;
    }

    @Override
    public void start() {
        LIBC.openlog(IDENT, Syslog.LOG_PID | Syslog.LOG_NDELAY, Syslog.LOG_DAEMON);
        super.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        // "%s": the message is data, never a format
        LIBC.syslog(Syslog.LOG_DAEMON | LogSetup.syslogPriority(event.getLevel()), "%s", line);
    }
}
