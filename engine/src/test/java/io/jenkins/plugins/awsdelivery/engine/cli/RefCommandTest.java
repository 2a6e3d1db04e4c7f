package io.jenkins.plugins.awsdelivery.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RefCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return DeliveryCommand.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void ref_json_printsTheContractFieldsWithNullsForAbsentParts() {
        int exit = run("ref", "nginx", "--json");

        assertThat(exit).isZero();
        assertThat(out.toString().strip())
                .isEqualTo("{\"registry\":\"docker.io\",\"repository\":\"library/nginx\",\"tag\":null,"
                        + "\"digest\":null,\"canonical\":\"docker.io/library/nginx\"}");
    }

    @Test
    void ref_plain_printsTheCanonicalForm() {
        int exit = run("ref", "localhost:5000/app:1.0");

        assertThat(exit).isZero();
        assertThat(out.toString().strip()).isEqualTo("localhost:5000/app:1.0");
    }

    @Test
    void ref_whenInvalid_exitsNonZeroWithOneLineNamingTheProblem() {
        int exit = run("ref", "Team/App:1.0");

        assertThat(exit).isNotZero();
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString()).contains("\"App\"").contains("lower-case");
    }
}
