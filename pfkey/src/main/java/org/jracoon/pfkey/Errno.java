package org.jracoon.pfkey;

import java.util.Map;

/** Linux errno values as the kernel returns them in {@code sadb_msg_errno} and from system calls. */
public final class Errno {
    private Errno() {
    }

    public static final int EPERM = 1;
    public static final int ENOENT = 2;
    public static final int ESRCH = 3;
    public static final int EINTR = 4;
    public static final int ENOBUFS = 105;
    public static final int EEXIST = 17;
    public static final int EINVAL = 22;

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(EPERM, "EPERM"), Map.entry(ENOENT, "ENOENT"), Map.entry(ESRCH, "ESRCH"),
            Map.entry(EINTR, "EINTR"), Map.entry(5, "EIO"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"),
            Map.entry(12, "ENOMEM"), Map.entry(13, "EACCES"), Map.entry(14, "EFAULT"), Map.entry(16, "EBUSY"),
            Map.entry(EEXIST, "EEXIST"), Map.entry(19, "ENODEV"), Map.entry(EINVAL, "EINVAL"),
            Map.entry(28, "ENOSPC"), Map.entry(34, "ERANGE"), Map.entry(38, "ENOSYS"), Map.entry(61, "ENODATA"),
            Map.entry(71, "EPROTO"), Map.entry(90, "EMSGSIZE"), Map.entry(93, "EPROTONOSUPPORT"),
            Map.entry(95, "EOPNOTSUPP"), Map.entry(97, "EAFNOSUPPORT"), Map.entry(ENOBUFS, "ENOBUFS"),
            Map.entry(110, "ETIMEDOUT"));

    /** The symbolic name, such as {@code EEXIST}, or {@code errno N} for one this table lacks. */
    public static String name(int errno) {
        return NAMES.getOrDefault(errno, "errno " + errno);
    }

    /** glibc's words for the answers a kernel gives most, so that describing them needs no native call. */
    private static final Map<Integer, String> TEXTS = Map.of(
            EPERM, "Operation not permitted", ENOENT, "No such file or directory", ESRCH, "No such process",
            EEXIST, "File exists", EINVAL, "Invalid argument", ENOBUFS, "No buffer space available");

    /** The C library's text and the symbolic name: {@code File exists (EEXIST)}. */
    public static String describe(int errno) {
        String text = TEXTS.get(errno);
        return (text != null ? text : LibC.INSTANCE.strerror(errno)) + " (" + name(errno) + ")";
    }
}
