package org.wangge.grid;

import static io.restassured.RestAssured.given;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.wangge.Gql;

@QuarkusTest
class GridSmokeTest {

    @Test
    void schemaAndDemo() {
        System.out.println(given().get("/graphql/schema.graphql").asString());
        System.out.println(Gql.admin().post("{ grid(code: \"411321\") { id code name level kind layers children { totalCount edges { node { code name staff { totalCount edges { node { subject role } } } } } } } }").asString());
        System.out.println(Gql.anonymous().post("{ grid(code: \"411321\") { id } }").asString());
    }
}
