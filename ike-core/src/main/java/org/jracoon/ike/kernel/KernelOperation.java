package org.jracoon.ike.kernel;

/** The kernel operations of {@link KernelIpsec}, named as PF_KEY names them, for errors and logs. */
public enum KernelOperation {
    GETSPI, UPDATE, ADD, DELETE, GET, FLUSH, DUMP, REGISTER,
    SPDADD, SPDUPDATE, SPDDELETE, SPDDELETE2, SPDGET, SPDFLUSH, SPDDUMP
}
