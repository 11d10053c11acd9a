using JasperFx;
using JasperFx.CodeGeneration;
using Microsoft.Extensions.DependencyInjection;

namespace LoiTracker.Testing;

/// <summary>
/// Every test host runs the code production runs: the endpoints pre-generated in src/Api/Internal/Generated,
/// never compiled on the fly (ADR 13). An endpoint changed without <c>scripts/codegen.sh</c> then fails the build
/// or the tests here, and <c>scripts/codegen.sh --check</c> names the stale files.
/// </summary>
public static class PreGeneratedCode
{
    public static IServiceCollection RunPreGeneratedCode(this IServiceCollection services) =>
        services.CritterStackDefaults(defaults =>
        {
            defaults.Development.GeneratedCodeMode = TypeLoadMode.Static;
            defaults.Production.GeneratedCodeMode = TypeLoadMode.Static;
        });
}
