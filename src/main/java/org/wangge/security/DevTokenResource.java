package org.wangge.security;

import io.quarkus.arc.profile.IfBuildProfile;
import io.smallrye.jwt.build.Jwt;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Dev mode only (not built into a production jar): signs a bearer token for a demo user with
 * the public dev key under config/dev, which dev mode's OIDC configuration trusts.
 */
@Path("/dev/token")
@IfBuildProfile(anyOf = {"dev", "test"})
public class DevTokenResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public Map<String, String> users() {
        return DemoUsers.ALL.values().stream().collect(Collectors.toMap(DemoUsers.DemoUser::subject,
                u -> u.note() + " — roles " + u.roles(), (a, b) -> a, java.util.TreeMap::new));
    }

    @GET
    @Path("{user}")
    @Produces(MediaType.TEXT_PLAIN)
    public String token(@PathParam("user") String user) {
        DemoUsers.DemoUser demo = DemoUsers.ALL.get(user);
        if (demo == null) {
            throw new NotFoundException("No demo user " + user + "; GET /dev/token lists them");
        }
        return sign(demo.subject(), demo.name(), demo.roles());
    }

    public static String sign(String subject, String name, java.util.Set<String> roles) {
        return Jwt.subject(subject).claim("name", name).claim("preferred_username", subject).groups(roles).sign();
    }
}
