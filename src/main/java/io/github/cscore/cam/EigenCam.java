package io.github.cscore.cam;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import io.github.cscore.result.Technique;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

import java.util.List;

/**
 * Eigen-CAM (Muhammad and Yeasin, IJCNN 2020, arXiv:2008.00299): the projection of the
 * activations on their first principal component. Gradient-free and class-agnostic: every target
 * class gets the same map.
 *
 * <p>With X the (h*w) x C matrix of activations with each channel centred over positions, the
 * projection X v1 equals sqrt(lambda1) u1, where u1 is the top eigenvector of the small (h*w) x
 * (h*w) Gram matrix X X^T, so no C x C matrix is ever formed. The sign of a principal component is
 * arbitrary; it is chosen so that the map correlates positively with the channel-mean activation,
 * which keeps the salient region rather than the background.
 */
public final class EigenCam implements CamTechnique {

    /** {@inheritDoc} */
    @Override
    public Technique technique() {
        return Technique.EIGEN_CAM;
    }

    /** Eigen-CAM reads only the activations: no backward pass for it. */
    @Override
    public boolean needsGradients() {
        return false;
    }

    /** {@inheritDoc} */
    @Override
    public List<NDArray> rawMaps(CamContext context) {
        NDArray activations = context.primary().activations();
        Shape shape = activations.getShape();
        int n = (int) shape.get(0);
        int positions = (int) (shape.get(2) * shape.get(3));
        NDArray flat = activations.reshape(n, shape.get(1), positions);
        NDArray centred = flat.sub(flat.mean(new int[] {2}, true));
        float[] grams = centred.transpose(0, 2, 1).batchMatMul(centred).toFloatArray();
        float[] channelMeans = flat.mean(new int[] {1}).toFloatArray();
        float[] maps = new float[n * positions];
        for (int i = 0; i < n; i++) {
            float[] map = firstComponent(grams, i * positions * positions, positions);
            orientLike(map, channelMeans, i * positions);
            System.arraycopy(map, 0, maps, i * positions, positions);
        }
        return List.of(context.manager().create(maps, new Shape(n, shape.get(2), shape.get(3))));
    }

    /** sqrt(lambda1) * u1 of one image's Gram matrix; all zeros when the activations are constant. */
    static float[] firstComponent(float[] grams, int offset, int size) {
        DMatrixRMaj gram = new DMatrixRMaj(size, size);
        for (int i = 0; i < size * size; i++) {
            gram.data[i] = grams[offset + i];
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(size, true, true);
        float[] component = new float[size];
        if (!eigen.decompose(gram)) {
            return component;
        }
        int top = 0;
        for (int k = 1; k < eigen.getNumberOfEigenvalues(); k++) {
            if (eigen.getEigenvalue(k).getReal() > eigen.getEigenvalue(top).getReal()) {
                top = k;
            }
        }
        double lambda = eigen.getEigenvalue(top).getReal();
        DMatrixRMaj vector = eigen.getEigenVector(top);
        if (lambda <= 0 || vector == null) {
            return component;
        }
        double length = Math.sqrt(lambda);
        for (int j = 0; j < size; j++) {
            component[j] = (float) (length * vector.get(j));
        }
        return component;
    }

    /** Flips the map if it correlates negatively with the channel-mean activation map. */
    static void orientLike(float[] map, float[] reference, int referenceOffset) {
        int size = map.length;
        double mapMean = 0;
        double referenceMean = 0;
        for (int j = 0; j < size; j++) {
            mapMean += map[j];
            referenceMean += reference[referenceOffset + j];
        }
        mapMean /= size;
        referenceMean /= size;
        double covariance = 0;
        for (int j = 0; j < size; j++) {
            covariance += (map[j] - mapMean) * (reference[referenceOffset + j] - referenceMean);
        }
        if (covariance < 0) {
            for (int j = 0; j < size; j++) {
                map[j] = -map[j];
            }
        }
    }
}
