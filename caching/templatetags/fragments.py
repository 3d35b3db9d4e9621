"""``{% fragment "name" arg … %}…{% endfragment %}``: the enclosed template output,
rendered once per language and generation and then kept in memory (caching.memo).

Keyed by the name, the arguments, the active language, the host and scheme (links may be
absolute) and the generations of the page's section and the site, so whatever purges the
page purges its fragments too: a fragment is exactly as fresh as the page cache's copy of
the page. Use it for costly pieces whose output depends only on the arguments (a partner
card by its partner and base URLs; a page's content by the page); never around anything
that depends on the visitor (a CSRF token, the user) or on the clock (pass the year, or a
window of time, as an argument)."""

from django import template

from caching import memo

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, args):
        self.nodelist = nodelist
        self.name = name
        self.args = args

    def render(self, context):
        request = context.get("request")
        if request is None:
            return self.nodelist.render(context)
        key = (
            "fragment",
            request.get_host(),
            request.is_secure(),
            self.name.resolve(context),
            *(str(arg.resolve(context)) for arg in self.args),
        )
        # nodelist.render() returns a SafeString: kept and returned as such.
        return memo.for_request(request, key, lambda: self.nodelist.render(context))


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
