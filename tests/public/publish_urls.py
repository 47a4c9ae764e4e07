"""A small site for the publish tests' own pages: each kind of link the copy must handle."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.urls import path

# The site's own pages after these, so its error pages and menus have every name they use.
from trustboard.urls import urlpatterns as site_urls

HOME = """<!DOCTYPE html><html lang="en"><head><title>Home</title>
<link rel="stylesheet" href="/static/vendor/trustboard.css"></head><body>
<a href="/about/">About</a>
<a href="/about/#team">The team</a>
<a href="/closed/">Members only</a>
<a href="/missing/">Gone</a>
<a href="/list/?year=2012&amp;body=3">2012</a>
<a href="/data/values.csv">Values</a>
<a href="/data/all-values/">Every value</a>
<img src="/chart.svg" alt="A chart">
<a href="/sign-in/?next=/">Sign in</a>
<a href="https://www.gov.uk/">GOV.UK</a>
<form method="get" action="/list/"><input name="year"><button>Filter</button></form>
<form method="post" action="/comments/"><input name="comment"><button>Send</button></form>
<img src="/static/core/favicon.svg" alt="">
</body></html>"""
ABOUT = """<!DOCTYPE html><html lang="en"><head><title>About</title></head><body>
<a href="/">Home</a><a href="../list/?year=2012&amp;body=3">2012</a></body></html>"""
LIST = """<!DOCTYPE html><html lang="en"><head><title>List</title></head><body>
<a href="/about/">About</a></body></html>"""


def _page(text):
    return lambda request: HttpResponse(text)


def _missing(request):
    raise Http404


def _broken(request):
    raise RuntimeError("a page that fails")


def _streamed_csv(request):
    rows = (f"{year},{year % 7}\n" for year in range(2000, 2025))
    response = StreamingHttpResponse(rows, content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="all-values.csv"'
    return response


def _chart(request):
    return HttpResponse('<svg xmlns="http://www.w3.org/2000/svg"><a href="/about/">'
                        '<text>About</text></a></svg>', content_type="image/svg+xml")


def _csv(request):
    return HttpResponse("year,value\n2012,4\n", content_type="text/csv")


# The small sites have no sitemap or robots.txt of their own: the real ones would list the
# whole site's pages.
NO_SITEMAP = [path("sitemap.xml", _missing), path("robots.txt", _missing)]

urlpatterns = [
    *NO_SITEMAP,
    path("", _page(HOME)),
    path("about/", _page(ABOUT)),
    path("list/", _page(LIST)),
    path("closed/", login_required(_page(LIST))),
    path("missing/", _missing),
    path("data/values.csv", _csv),
    path("data/all-values/", _streamed_csv),
    path("chart.svg", _chart),
    path("broken/", _broken),
    *site_urls,
]

# A site with a page that fails: the copy must not be written.
failing = type("Failing", (), {"urlpatterns": [
    *NO_SITEMAP,
    path("", _page('<!DOCTYPE html><html lang="en"><body><a href="/broken/">Broken</a>'
                   '</body></html>')),
    path("broken/", _broken),
    *site_urls,
]})

# A site whose home page is for members: there is nothing to publish.
members_only = type("MembersOnly", (), {"urlpatterns": [
    *NO_SITEMAP,
    path("", login_required(_page(LIST))),
    *site_urls,
]})
