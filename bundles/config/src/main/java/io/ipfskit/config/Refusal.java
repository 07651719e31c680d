package io.ipfskit.config;

/** A configuration value its metatype does not allow: which PID and key, the value, why, and what is expected. */
record Refusal(String pid, String key, String value, String reason, String expected) {

    /** The one line an operator reads, e.g. {@code configuration io.ipfskit.host: lowWater = abc refused (...)}. */
    String line() {
        return "configuration " + pid + ": " + key + " = " + value + " refused (" + reason + "); expected " + expected;
    }
}
