"""Organisation-wide insights: one matter across service areas.

An organisation-wide insight (scope "organisation", no service area) holds no notes
itself: its parts are the ordinary area or unit insights of the matter in each service
area. Area managers keep curating and acting on their part and see only counts of the
other areas; an organisation admin curates the whole and answers it with one action.
"""
