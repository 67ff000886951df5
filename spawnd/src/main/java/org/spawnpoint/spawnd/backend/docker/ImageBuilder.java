package org.spawnpoint.spawnd.backend.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.PullResponseItem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.spawnpoint.spawnd.backend.DockerNames;
import org.spawnpoint.spawnd.backend.ImageBuildException;
import org.spawnpoint.spawnd.backend.ImageSpec;
import org.spawnpoint.spawnd.backend.Labels;

/** Gets base images (pulling only what is missing) and builds service images from in-memory contexts. */
final class ImageBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(ImageBuilder.class);
    private static final int KEPT_OUTPUT_LINES = 20;
    private static final long PULL_TIMEOUT_MINUTES = 10;

    private final DockerClient docker;
    private final String instanceId;

    private final DockerNames names;

    ImageBuilder(DockerClient docker, String instanceId, DockerNames names) {
        this.names = names;
        this.docker = docker;
        this.instanceId = instanceId;
    }

    /** Makes sure {@code image} is present, pulling it only when it is not. */
    void ensurePresent(String image, Consumer<String> output) {
        try {
            docker.inspectImageCmd(image).exec();
            return;
        } catch (NotFoundException e) {
            // pull below
        }
        output.accept("Pulling base image " + image);
        try {
            PullProgress pull = docker.pullImageCmd(image).exec(new PullProgress());
            if (!pull.awaitCompletion(PULL_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                pull.close();
                throw new ImageBuildException("pulling base image " + image + " took more than "
                        + PULL_TIMEOUT_MINUTES + " minutes", List.of(), null);
            }
            docker.inspectImageCmd(image).exec();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while pulling base image " + image, List.of(), e);
        } catch (ImageBuildException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new ImageBuildException("base image " + image + " is not present and could not be pulled: "
                    + e.getMessage(), List.of(), e);
        }
    }

    /**
     * Builds {@code spawnpoint_image_<token>_<svc>} from {@code spec}, streaming the output by line, and removes the image
     * it replaces when no container uses that any more.
     *
     * @return the new image's id
     */
    String build(String serviceName, ImageSpec spec, Consumer<String> output) {
        String tag = names.imageName(serviceName);
        String previousId = imageId(tag);
        ensurePresent(spec.baseImage(), output);
        BuildOutput callback = new BuildOutput(output);
        try {
            // No cache: a git source or build step must fetch again on every deploy, as in Spawnpoint 0.2.
            docker.buildImageCmd()
                    .withTarInputStream(new ByteArrayInputStream(TarArchives.buildContext(spec)))
                    .withTags(Set.of(tag))
                    .withNoCache(true)
                    .withPull(false)
                    .withForcerm(true)
                    .withLabels(Labels.built(instanceId, serviceName))
                    .exec(callback)
                    .awaitCompletion();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ImageBuildException("interrupted while building " + tag, callback.lastLines(), e);
        } catch (RuntimeException e) {
            callback.flush();
            throw new ImageBuildException("building " + tag + " failed: " + e.getMessage(), callback.lastLines(), e);
        }
        callback.flush();
        if (callback.error != null) {
            throw new ImageBuildException("building " + tag + " failed: " + callback.error.strip(),
                    callback.lastLines(), null);
        }
        String newId = imageId(tag);
        if (newId == null) {
            throw new ImageBuildException("building " + tag + " ended without an image", callback.lastLines(), null);
        }
        if (previousId != null && !previousId.equals(newId)) {
            removeQuietly(previousId);
        }
        return newId;
    }

    /** Removes {@code spawnpoint_image_<token>_<svc>} if this daemon built it and no container uses it. */
    boolean removeBuilt(String serviceName) {
        String tag = names.imageName(serviceName);
        try {
            var image = docker.inspectImageCmd(tag).exec();
            var labels = image.getConfig() == null ? null : image.getConfig().getLabels();
            if (labels == null || !instanceId.equals(labels.get(Labels.BUILT_BY))) {
                return false;
            }
            docker.removeImageCmd(image.getId()).withForce(false).exec();
            return true;
        } catch (NotFoundException | ConflictException e) {
            return false;
        }
    }

    private String imageId(String image) {
        try {
            return docker.inspectImageCmd(image).exec().getId();
        } catch (NotFoundException e) {
            return null;
        }
    }

    private void removeQuietly(String imageId) {
        try {
            docker.removeImageCmd(imageId).withForce(false).exec();
        } catch (NotFoundException | ConflictException e) {
            // still used by a container (removed with it later) or already gone
            LOG.debug("Old image {} kept: {}", imageId, e.getMessage());
        } catch (DockerException e) {
            LOG.warn("Cannot remove old image {}: {}", imageId, e.getMessage());
        }
    }

    /** Waits for a pull; an error in the progress stream fails it. */
    private static final class PullProgress extends QuietCallback<PullResponseItem> {
        @Override
        public void onNext(PullResponseItem item) {
            if (item.isErrorIndicated()) {
                onError(new DockerClientException(item.getErrorDetail() != null
                        ? item.getErrorDetail().getMessage() : item.getError()));
            }
        }
    }

    /** Splits the build's stream into lines, keeps the last few, and remembers the error it reports. */
    private static final class BuildOutput extends QuietCallback<BuildResponseItem> {
        private final Consumer<String> output;
        private final StringBuilder partial = new StringBuilder();
        private final Deque<String> last = new ArrayDeque<>();
        volatile String error;

        BuildOutput(Consumer<String> output) {
            this.output = output;
        }

        @Override
        public void onNext(BuildResponseItem item) {
            if (item.getStream() != null) {
                partial.append(item.getStream());
                int nl;
                while ((nl = partial.indexOf("\n")) >= 0) {
                    line(partial.substring(0, nl));
                    partial.delete(0, nl + 1);
                }
            }
            if (item.isErrorIndicated()) {
                error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
                        ? item.getErrorDetail().getMessage() : item.getError();
                line(error);
            }
        }

        synchronized void flush() {
            if (partial.length() > 0) {
                line(partial.toString());
                partial.setLength(0);
            }
        }

        private synchronized void line(String text) {
            String clean = text.stripTrailing();
            if (clean.isEmpty()) {
                return;
            }
            last.addLast(clean);
            while (last.size() > KEPT_OUTPUT_LINES) {
                last.removeFirst();
            }
            try {
                output.accept(clean);
            } catch (RuntimeException e) {
                LOG.warn("Build output handler failed", e);
            }
        }

        synchronized List<String> lastLines() {
            return List.copyOf(last);
        }
    }
}
