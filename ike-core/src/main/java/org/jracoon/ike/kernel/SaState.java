package org.jracoon.ike.kernel;

/** An SA's life in the kernel: LARVAL after GETSPI until UPDATE, DYING after its soft expiry. */
public enum SaState {
    LARVAL, MATURE, DYING, DEAD
}
