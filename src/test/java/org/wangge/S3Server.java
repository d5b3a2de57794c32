package org.wangge;

import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * An S3 server in the test's process: S3Proxy over a directory (its file-system backend), one
 * bucket, signed requests required. It runs in a class loader of its own, from the jar the build
 * copies to target/s3proxy: its Guice and Jetty must not meet the ones on the test class path.
 */
public final class S3Server implements AutoCloseable {

    public static final String BUCKET = "wangge";
    public static final String ACCESS_KEY = "wangge-test";
    public static final String SECRET_KEY = "wangge-test-secret-key";

    private final URLClassLoader loader;
    private final Object proxy;
    private final Object context;
    private final Path dir;
    private boolean closed;

    private S3Server(URLClassLoader loader, Object proxy, Object context, Path dir) {
        this.loader = loader;
        this.proxy = proxy;
        this.context = context;
        this.dir = dir;
    }

    public static S3Server start() throws Exception {
        Path jar = Path.of("target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it before the tests (mvn verify)");
        }
        Path dir = Files.createTempDirectory("s3");
        URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Properties properties = new Properties();
            properties.setProperty("jclouds.filesystem.basedir", dir.toString());
            Class<?> contextBuilder = loader.loadClass("org.jclouds.ContextBuilder");
            Object builder = contextBuilder.getMethod("newBuilder", String.class).invoke(null, "filesystem");
            contextBuilder.getMethod("overrides", Properties.class).invoke(builder, properties);
            Class<?> contextType = loader.loadClass("org.jclouds.blobstore.BlobStoreContext");
            Object context = contextBuilder.getMethod("buildView", Class.class).invoke(builder, contextType);
            Object blobStore = contextType.getMethod("getBlobStore").invoke(context);
            Class<?> blobStoreType = loader.loadClass("org.jclouds.blobstore.BlobStore");
            blobStoreType.getMethod("createContainerInLocation", loader.loadClass("org.jclouds.domain.Location"), String.class)
                    .invoke(blobStore, null, BUCKET);
            Class<?> proxyType = loader.loadClass("org.gaul.s3proxy.S3Proxy");
            Object proxyBuilder = proxyType.getMethod("builder").invoke(null);
            Class<?> builderType = proxyBuilder.getClass();
            builderType.getMethod("blobStore", blobStoreType).invoke(proxyBuilder, blobStore);
            builderType.getMethod("endpoint", URI.class).invoke(proxyBuilder, URI.create("http://127.0.0.1:0"));
            Class<?> authentication = loader.loadClass("org.gaul.s3proxy.AuthenticationType");
            Object v2OrV4 = authentication.getField("AWS_V2_OR_V4").get(null);
            builderType.getMethod("awsAuthentication", authentication, String.class, String.class)
                    .invoke(proxyBuilder, v2OrV4, ACCESS_KEY, SECRET_KEY);
            Object proxy = builderType.getMethod("build").invoke(proxyBuilder);
            proxyType.getMethod("start").invoke(proxy);
            Method state = proxyType.getMethod("getState");
            for (int i = 0; i < 400 && !"STARTED".equals(state.invoke(proxy)); i++) {
                Thread.sleep(25);
            }
            return new S3Server(loader, proxy, context, dir);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    public URI endpoint() throws Exception {
        return URI.create("http://127.0.0.1:" + proxy.getClass().getMethod("getPort").invoke(proxy));
    }

    /** Whether the bucket holds an object under this key (the file-system backend keeps one file per object). */
    public boolean holds(String key) {
        return Files.isRegularFile(dir.resolve(BUCKET).resolve(key));
    }

    @Override
    public synchronized void close() throws Exception {
        if (closed) {
            return;
        }
        closed = true;
        proxy.getClass().getMethod("stop").invoke(proxy);
        context.getClass().getMethod("close").invoke(context);
        loader.close();
    }
}
