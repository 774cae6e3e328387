package io.aura.models.trees;

import com.microsoft.ml.lightgbm.SWIGTYPE_p_double;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_float;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_int;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_long_long;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_p_void;
import com.microsoft.ml.lightgbm.SWIGTYPE_p_void;
import com.microsoft.ml.lightgbm.lightgbmlib;
import com.microsoft.ml.lightgbm.lightgbmlibConstants;
import io.github.metarank.lightgbm4j.LGBMBooster;

/**
 * LightGBM prediction through the raw C API bindings, with an output buffer sized for every class.
 * lightgbm4j 4.3.0-1's {@code predictForMat} sizes its buffer as 2 × rows, which overflows (and
 * crashes the JVM) for 3+ classes and for SHAP contributions; this helper avoids it.
 */
final class NativeLightGbm {
  private NativeLightGbm() {}

  /**
   * @param modelText LightGBM text model
   * @param flat row-major float32 rows
   * @param predictType one of lightgbmlibConstants.C_API_PREDICT_*
   * @param perRow outputs per row (K for raw scores, K × (cols + 1) for contributions)
   */
  static double[] predict(
      String modelText, float[] flat, int rows, int cols, int predictType, int perRow)
      throws Exception {
    LGBMBooster.loadNative();
    SWIGTYPE_p_int iters = lightgbmlib.new_intp();
    SWIGTYPE_p_p_void handlePtr = lightgbmlib.new_voidpp();
    check(lightgbmlib.LGBM_BoosterLoadModelFromString(modelText, iters, handlePtr));
    SWIGTYPE_p_void handle = lightgbmlib.voidpp_value(handlePtr);
    SWIGTYPE_p_float data = lightgbmlib.new_floatArray(flat.length);
    SWIGTYPE_p_long_long outLen = lightgbmlib.new_int64_tp();
    long size = (long) rows * perRow;
    SWIGTYPE_p_double out = lightgbmlib.new_doubleArray(size);
    try {
      for (int i = 0; i < flat.length; i++) {
        lightgbmlib.floatArray_setitem(data, i, flat[i]);
      }
      check(
          lightgbmlib.LGBM_BoosterPredictForMat(
              handle,
              lightgbmlib.float_to_voidp_ptr(data),
              lightgbmlibConstants.C_API_DTYPE_FLOAT32,
              rows,
              cols,
              1,
              predictType,
              0,
              -1,
              "num_threads=1",
              outLen,
              out));
      long got = lightgbmlib.int64_tp_value(outLen);
      if (got != size) {
        throw new IllegalStateException("LightGBM wrote " + got + " outputs, expected " + size);
      }
      double[] result = new double[(int) size];
      for (int i = 0; i < size; i++) {
        result[i] = lightgbmlib.doubleArray_getitem(out, i);
      }
      return result;
    } finally {
      lightgbmlib.delete_doubleArray(out);
      lightgbmlib.delete_floatArray(data);
      lightgbmlib.delete_int64_tp(outLen);
      lightgbmlib.LGBM_BoosterFree(handle);
      lightgbmlib.delete_voidpp(handlePtr);
      lightgbmlib.delete_intp(iters);
    }
  }

  private static void check(int rc) {
    if (rc != 0) {
      throw new IllegalStateException("LightGBM C API failed: " + lightgbmlib.LGBM_GetLastError());
    }
  }
}
