/** An in-memory IPsec kernel that records what it is asked, for tests and {@code --dry-run}. */
package org.jracoon.pfkey.recording;
