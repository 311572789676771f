using FluentValidation;
using FluentValidation.Results;

namespace Portal.Modules.Catalog.Domain.Queries;

// The query parsers already word their errors as Backstage does, so a failure is reported without a field name
// and the client sees exactly that message.
internal static class ParseRules
{
    public delegate bool TryParse<in T>(T value, out string? error);

    public static IRuleBuilderOptionsConditions<T, TProperty> Parses<T, TProperty>(this IRuleBuilder<T, TProperty> rule, TryParse<TProperty> parse) =>
        rule.Custom((value, context) =>
        {
            if (!parse(value, out var error))
            {
                context.AddFailure(new ValidationFailure("", error));
            }
        });

    public static IRuleBuilderOptionsConditions<T, TProperty> Holds<T, TProperty>(this IRuleBuilder<T, TProperty> rule, Func<TProperty, bool> check, string message) =>
        rule.Parses((TProperty value, out string? error) =>
        {
            error = message;
            return check(value);
        });
}
