package com.serviceform.sdk.codegen;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openapitools.codegen.CodegenModel;
import org.openapitools.codegen.CodegenOperation;
import org.openapitools.codegen.CodegenParameter;
import org.openapitools.codegen.languages.JavaClientCodegen;
import org.openapitools.codegen.model.ModelMap;
import org.openapitools.codegen.model.ModelsMap;
import org.openapitools.codegen.model.OperationsMap;

/**
 * openapi-generator's Java client generator with the rules the SDK's call signatures rely on. A
 * spec edit that only reorders parameters must not reorder what callers pass, and a new optional
 * query parameter must not change a method signature; the templates
 * ({@code openapi/templates/libraries/feign/api.mustache}) build on what this class adds:
 *
 * <ul>
 *   <li>Path parameters are put in the order they appear in the path, whatever order the spec
 *       declares them in; a path variable with no declared parameter fails the generation.
 *   <li>{@code x-serviceform-params-class}: the name of the operation's parameter object ({@code
 *       GetChatStatisticsParams}), which carries its query parameters by name.
 *   <li>{@code x-serviceform-query-optional}: true when the operation has no required query
 *       parameter, so a form of the method without the parameter object is generated (and stays
 *       when a later spec adds the first, optional, query parameter).
 *   <li>{@code x-serviceform-add-method} on an array query parameter: the builder method that adds
 *       one element ({@code metrics} gives {@code addMetric}).
 *   <li>Every object model keeps the JSON properties the spec does not declare ({@code
 *       getAdditionalProperties()}) and writes them back, as OpenAPI's default for a schema without
 *       {@code additionalProperties} allows: a field the vendor adds survives a read-modify-write.
 *       (The generator's {@code disallowAdditionalPropertiesIfNotPresent=false} has no effect on
 *       the Java templates, so it is done here.)
 * </ul>
 *
 * <p>Header, cookie and form parameters are refused: the templates do not carry them, and silently
 * dropping one would send requests the spec calls invalid.
 */
public class ServiceformJavaCodegen extends JavaClientCodegen {
  /** The generator name to give the Maven plugin. */
  public static final String NAME = "serviceform-java";

  private static final Pattern PATH_VARIABLE = Pattern.compile("\\{([^}/]+)}");

  @Override
  public String getName() {
    return NAME;
  }

  /**
   * Also describes the success response schemas as compact JSON ({@link ResponseSchemas}), for the
   * supporting file {@code response-schemas.json} (openapi/templates/ResponseSchemas.mustache).
   */
  @Override
  public void preprocessOpenAPI(io.swagger.v3.oas.models.OpenAPI openAPI) {
    super.preprocessOpenAPI(openAPI);
    additionalProperties.put("serviceformResponseSchemas", ResponseSchemas.describe(openAPI));
  }

  @Override
  public ModelsMap postProcessModels(ModelsMap objs) {
    ModelsMap result = super.postProcessModels(objs);
    for (ModelMap entry : result.getModels()) {
      CodegenModel model = entry.getModel();
      if (!model.isEnum && model.additionalPropertiesType == null) {
        model.additionalPropertiesType = "Object";
      }
    }
    return result;
  }

  @Override
  public OperationsMap postProcessOperationsWithModels(OperationsMap objs, List<ModelMap> allModels) {
    OperationsMap result = super.postProcessOperationsWithModels(objs, allModels);
    for (CodegenOperation op : result.getOperations().getOperation()) {
      refuseUnsupported(op);
      orderPathParameters(op);
      describeQueryParameters(op);
    }
    return result;
  }

  private static void refuseUnsupported(CodegenOperation op) {
    for (List<CodegenParameter> unsupported : List.of(op.headerParams, op.cookieParams, op.formParams)) {
      if (unsupported != null && !unsupported.isEmpty()) {
        throw new IllegalStateException(op.operationId + ": parameter '" + unsupported.get(0).baseName
            + "' is a header, cookie or form parameter; the SDK's templates send only path and query "
            + "parameters and a JSON body (openapi/templates/libraries/feign/api.mustache)");
      }
    }
  }

  /** Sorts the path parameters by where their variable appears in the path. */
  static void orderPathParameters(CodegenOperation op) {
    List<String> order = new ArrayList<>();
    Matcher m = PATH_VARIABLE.matcher(op.path);
    while (m.find()) {
      order.add(m.group(1));
    }
    for (String variable : order) {
      if (op.pathParams.stream().noneMatch(p -> p.baseName.equals(variable))) {
        throw new IllegalStateException(op.operationId + ": the path " + op.path + " has {" + variable
            + "} but the operation declares no path parameter of that name");
      }
    }
    op.pathParams.sort(Comparator.comparingInt(p -> order.indexOf(p.baseName)));
  }

  private static void describeQueryParameters(CodegenOperation op) {
    String paramsClass = op.operationIdCamelCase + "Params";
    op.vendorExtensions.put("x-serviceform-params-class", paramsClass);
    op.vendorExtensions.put("x-serviceform-query-optional", op.queryParams.stream().noneMatch(p -> p.required));
    for (CodegenParameter p : op.queryParams) {
      // Also on each parameter: inside a parameter's section the templates see only its extensions.
      p.vendorExtensions.put("x-serviceform-params-class", paramsClass);
      if (p.isArray) {
        p.vendorExtensions.put("x-serviceform-add-method", "add" + singular(p.nameInPascalCase));
      }
    }
  }

  /** English singular of a plural name, for the common cases ({@code metrics}, {@code entries}). */
  static String singular(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith("ies") && name.length() > 3) {
      return name.substring(0, name.length() - 3) + "y";
    }
    if (lower.endsWith("s") && !lower.endsWith("ss") && name.length() > 1) {
      return name.substring(0, name.length() - 1);
    }
    return name + "Item";
  }
}
