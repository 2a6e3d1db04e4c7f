package io.jenkins.plugins.awsdelivery.engine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The secrets a CLI run was given, for the masker of its standard error: credential options and the environment
 * variables that carry credentials ({@code USER:PASSWORD} values count as a whole and as the password alone).
 */
final class KnownSecrets {
    private static final Set<String> OPTIONS = Set.of("--src-creds", "--dest-creds", "--creds");
    private static final List<String> CREDENTIAL_VARIABLES = List.of(
            PromoteCommand.SOURCE_CREDENTIALS_VARIABLE,
            PromoteCommand.DESTINATION_CREDENTIALS_VARIABLE,
            "DELIVERY_CREDS");
    private static final List<String> SECRET_VARIABLES = List.of("AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN");

    private KnownSecrets() {}

    static List<String> of(String[] args, Map<String, String> environment) {
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.indexOf('=');
            if (equals > 0 && OPTIONS.contains(arg.substring(0, equals))) {
                addCredential(secrets, arg.substring(equals + 1));
            } else if (OPTIONS.contains(arg) && i + 1 < args.length) {
                addCredential(secrets, args[i + 1]);
            }
        }
        CREDENTIAL_VARIABLES.forEach(name -> addCredential(secrets, environment.get(name)));
        SECRET_VARIABLES.forEach(name -> {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                secrets.add(value);
            }
        });
        return secrets;
    }

    private static void addCredential(List<String> secrets, String userColonPassword) {
        if (userColonPassword == null || userColonPassword.isEmpty()) {
            return;
        }
        secrets.add(userColonPassword);
        int colon = userColonPassword.indexOf(':');
        if (colon >= 0 && colon + 1 < userColonPassword.length()) {
            secrets.add(userColonPassword.substring(colon + 1));
        }
    }
}
