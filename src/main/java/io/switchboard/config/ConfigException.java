package io.switchboard.config;

/** A configuration value that cannot be used; the message names the variable so operators can fix it. */
public class ConfigException extends RuntimeException {
    private final String variable;

    public ConfigException(String variable, String problem) {
        super(variable + ": " + problem);
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }
}
